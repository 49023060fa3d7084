package io.github.nsunit.internal.parent;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.child.LeftoverProcesses;
import io.github.nsunit.internal.child.WarmUp;
import io.github.nsunit.internal.child.ResultHold;
import io.github.nsunit.internal.launcher.ChildOutcome;
import io.github.nsunit.internal.launcher.ChildProcess;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.launcher.DebugHold;
import io.github.nsunit.internal.launcher.ExitAgentJar;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.verdict.TestFacts;
import io.github.nsunit.internal.verdict.Verdict;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one test in a child JVM: start it, relay what it says, wait for it, and turn the outcome into a verdict. */
final class ChildRun {
    private static final Duration DEBUGGING_TIMEOUT = Duration.ofDays(1);

    private ChildRun() {
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
        ChildOutcome outcome;
        Optional<CgroupStats> stats;
        List<String> leftovers;
        boolean pidNamespace = request.namespaces().contains(Namespace.PID);
        IsolationPlan plan = IsolationPlan.of(context, request);
        ChildSettings settings = plan.childSettings();
        if (pidNamespace) {
            settings = settings.withPidNamespace();
        }
        if (run.debugHold().isPresent()) {
            settings = settings.withDebugHold();
        }
        Assignment assignment = Assignment.test(context.getUniqueId(), ChildConfigurationParameters.of(context),
                settings);
        // a child without limits still gets a cgroup of its own where the host allows: what it starts dies with it
        Optional<DebugHold> hold = run.debugHold().map(duration -> new DebugHold(duration, TestNames.of(context)));
        Optional<DebuggerAttach> debugger = DebuggerAttach.of(context);
        // a held child must be the test's own; a spare would take the debug port while it waits
        boolean prestart = run.prestart() && hold.isEmpty() && debugger.isEmpty();
        List<String> options = jvmOptions(run, request, context.getRequiredTestClass(), prestart);
        debugger.ifPresent(attach -> options.add(0, attach.jvmOption()));
        ChildSpec spec = new ChildSpec(plan.stages(), options, assignment, loader,
                plan.handshake(), run.sharedArchiveDirectory(), plan.cgroup(run.trackingCgroup()));
        if (prestart) {
            SpareChildCleanup.registerFor(context);
        }
        // before the child starts, so a timeout nsunit cannot wait for fails the test without one;
        // a debugger may hold the child at a breakpoint for as long as the user looks
        Duration timeout = debugger.isPresent() ? DEBUGGING_TIMEOUT : WatchdogTimeout.of(context, run);
        int spares = prestart ? RemainingTests.sparesFor(context.getUniqueId(), run.prestartCount()) : 0;
        ChildProcess child = IsolationPlan.start(context, spec, spares, hold);
        Optional<RuntimeException> cleanupError;
        try {
            debugger.ifPresent(attach -> System.err.print(attach.instructions(TestNames.of(context), child.pid(),
                    request.namespaces().contains(Namespace.NETWORK))));
            outcome = child.await(timeout, output);
            leftovers = child.leftoverProcesses();
            // figures only for the limits the test asked for, not for a tracking cgroup
            stats = request.limits().any() ? child.cgroupStats() : Optional.empty();
        } finally {
            cleanupError = ChildCleanup.close(context, child);
        }
        stats.ifPresent(figures -> ReportEntries.publish(context, figures, output));
        TestFacts facts = new TestFacts(TestNames.of(context), loader, request.expectations().outOfMemory(),
                request.expectations().systemExit(),
                request.limits().memoryBytes().isPresent() ? request.limits().describeMemory() : "", stats);
        Optional<Throwable> failure = LeftoverReport.apply(run.leaks(), facts.testName(), leftovers, pidNamespace,
                Verdict.of(outcome, facts), output);
        if (failure.isPresent()) {
            cleanupError.ifPresent(failure.get()::addSuppressed);
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
