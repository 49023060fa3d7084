package io.github.nsunit.internal.parent;

import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.launcher.ChildOutcome;
import io.github.nsunit.internal.launcher.ChildProcess;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.verdict.Verdict;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one test in a child JVM: start it, relay what it says, wait for it, and turn the outcome into a verdict. */
final class ChildRun {
    private ChildRun() {
    }

    static void run(ExtensionContext context, IsolationRequest request, RunConfiguration run) throws Throwable {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Assignment assignment = new Assignment(context.getUniqueId(), ChildConfigurationParameters.of(context),
                Map.of());
        ChildSpec spec = new ChildSpec(List.of(), ChildJvmOptions.of(run, request), assignment, loader,
                run.sharedArchiveDirectory());
        ChildOutcome outcome;
        try (ChildProcess child = ChildProcess.start(spec)) {
            outcome = child.await(WatchdogTimeout.of(context, run), new TestOutputSink(context));
        }
        Optional<Throwable> failure = Verdict.of(outcome, TestNames.of(context), loader);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }
}
