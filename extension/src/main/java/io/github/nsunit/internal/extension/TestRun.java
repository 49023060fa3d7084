package io.github.nsunit.internal.extension;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.child.WarmUp;
import io.github.nsunit.internal.cache.ExitAgentJar;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.process.DebugHold;
import io.github.nsunit.internal.run.ChildRun;
import io.github.nsunit.internal.run.ChildRunner;
import io.github.nsunit.internal.run.IsolationRefusedException;
import io.github.nsunit.internal.run.RunSpec;
import io.github.nsunit.internal.verdict.TestFacts;
import io.github.nsunit.internal.verdict.Verdict;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one test in a child JVM: translates the test's annotations and the run's configuration into a
 * {@link RunSpec}, lets {@link ChildRunner} run it, and turns what it saw into the test's verdict.
 */
final class TestRun {
    private static final Duration DEBUGGING_TIMEOUT = Duration.ofDays(1);

    private TestRun() {
    }

    static void run(ExtensionContext context, IsolationRequest request, RunConfiguration run) throws Throwable {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        TestOutputSink output = new TestOutputSink(context);
        try {
            run(context, request, run, loader, output);
        } finally {
            output.printBeforeTheEnd();
        }
    }

    private static void run(ExtensionContext context, IsolationRequest request, RunConfiguration run,
                            ClassLoader loader, TestOutputSink output) throws Throwable {
        Optional<DebugHold> hold = run.debugHold().map(duration -> new DebugHold(duration, TestNames.of(context)));
        Optional<DebuggerAttach> debugger = DebuggerAttach.of(context);
        // a held child must be the test's own; a spare would take the debug port while it waits
        boolean prestart = run.prestart() && hold.isEmpty() && debugger.isEmpty();
        List<String> options = jvmOptions(run, request, context.getRequiredTestClass(), prestart);
        debugger.ifPresent(attach -> options.add(0, attach.jvmOption()));
        if (prestart) {
            SpareChildCleanup.registerFor(context);
        }
        // before the child starts, so a timeout nsunit cannot wait for fails the test without one;
        // a debugger may hold the child at a breakpoint for as long as the user looks
        Duration timeout = debugger.isPresent() ? DEBUGGING_TIMEOUT : WatchdogTimeout.of(context, run);
        int spares = prestart ? RemainingTests.sparesFor(context.getUniqueId(), run.prestartCount()) : 0;
        RunSpec spec = new RunSpec(IsolationPlan.of(context, request),
                () -> JvmCgroups.get(context.getConfigurationParameter(NsunitProperties.CGROUP_BASE)),
                new Assignment.Test(context.getUniqueId()), ChildConfigurationParameters.of(context), options,
                loader, run.sharedArchiveDirectory(), run.trackingCgroup(), spares, hold, true, timeout,
                request.limits().any());
        ChildRun ran;
        try {
            ran = ChildRunner.run(spec, output, pid -> debugger.ifPresent(attach -> System.err.print(
                    attach.instructions(TestNames.of(context), pid, request.namespaces().contains(Namespace.NETWORK)))));
        } catch (IsolationRefusedException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e.reason());
        }
        ran.cleanupError().ifPresent(e -> ChildCleanup.report(context, e));
        ran.stats().ifPresent(figures -> ReportEntries.publish(context, figures, output));
        TestFacts facts = new TestFacts(TestNames.of(context), loader, request.expectations().outOfMemory(),
                request.expectations().systemExit(),
                request.limits().memoryBytes().isPresent() ? request.limits().describeMemory() : "", ran.stats());
        Optional<Throwable> failure = LeftoverReport.apply(run.leaks(), facts.testName(), ran.leftovers(),
                request.namespaces().contains(Namespace.PID), Verdict.of(ran.outcome(), facts), output);
        if (failure.isPresent()) {
            ran.cleanupError().ifPresent(failure.get()::addSuppressed);
            throw failure.get();
        }
    }

    /**
     * A test that expects to exit gets the exit agent, which reports even a halt with the stack of the call; a
     * child that may be started ahead of its test warms up while it waits.
     */
    private static List<String> jvmOptions(RunConfiguration run, IsolationRequest request, Class<?> testClass,
                                           boolean prestart) {
        List<String> options = new ArrayList<>(ChildJvmOptions.of(run, request, testClass));
        if (request.expectations().systemExit().isPresent()) {
            options.add(0, ExitAgentJar.option());
        }
        // A spare warms JUnit up while it waits for its test, under a memory limit too: what the warm-up touches the
        // test's own JUnit run would touch anyway (a trivial test at the 36M floor peaks at 31 MiB, as without).
        if (prestart && run.warmUp()) {
            options.add("-D" + WarmUp.PROPERTY + "=true");
        }
        return options;
    }
}
