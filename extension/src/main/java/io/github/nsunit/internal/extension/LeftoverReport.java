package io.github.nsunit.internal.extension;

import io.github.nsunit.Forked;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Says that a test left processes running, as {@value Forked#LEAKS_PROPERTY_NAME} asks: a warning in the
 * test's output, or a failure (added to the test's own failure as a suppressed exception, if it has one).
 */
final class LeftoverReport {
    private LeftoverReport() {
    }

    static String message(String testName, List<String> processes, boolean pidNamespace) {
        return "[nsunit] " + testName + " left " + processes.size() + " process" + (processes.size() == 1 ? "" : "es")
                + " running" + (pidNamespace ? " in its PID namespace (pids as seen there)" : "") + ": "
                + String.join(", ", processes) + ". nsunit killed " + (processes.size() == 1 ? "it" : "them")
                + "; stop what the test starts before it ends (" + Forked.LEAKS_PROPERTY_NAME
                + "=fail|warn|ignore).";
    }

    /** Prints the warning, or returns the failure the test must end with (empty: nothing to add). */
    static Optional<Throwable> apply(LeakPolicy policy, String testName, List<String> processes, boolean pidNamespace,
                                     Optional<Throwable> failure, TestOutputSink output) {
        if (processes.isEmpty() || policy == LeakPolicy.IGNORE) {
            return failure;
        }
        String message = message(testName, processes, pidNamespace);
        if (policy == LeakPolicy.WARN) {
            output.stderr((message + "\n").getBytes(StandardCharsets.UTF_8));
            return failure;
        }
        AssertionFailedError leak = new AssertionFailedError(message);
        if (failure.isPresent()) {
            failure.get().addSuppressed(leak);
            return failure;
        }
        return Optional.of(leak);
    }
}
