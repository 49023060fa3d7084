package io.github.nsunit.internal.verdict;

import io.github.nsunit.ChildJvmException;
import io.github.nsunit.ChildJvmException.Reason;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;
import io.github.nsunit.internal.launcher.ChildOutcome;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * Turns what the parent saw of a child into the test's own result: nothing (passed), the child's original
 * throwable, or a {@link ChildJvmException} that says exactly how the child ended without a result.
 */
public final class Verdict {
    private static final String JVM_CRASH_BANNER = "A fatal error has been detected by the Java Runtime Environment";
    private static final String JVM_CRASH_REPORT_FILE = "An error report file with more information is saved as";

    private Verdict() {
    }

    /** The throwable the test must end with, or empty if it passed. */
    public static Optional<Throwable> of(ChildOutcome outcome, String testName, ClassLoader loader) {
        if (outcome.timedOut()) {
            return Optional.of(timedOut(outcome, testName));
        }
        if (outcome.result().isPresent()) {
            return fromResult(outcome.result().get(), testName, loader);
        }
        return Optional.of(diedWithoutResult(outcome, testName));
    }

    private static Optional<Throwable> fromResult(TestResult result, String testName, ClassLoader loader) {
        return switch (result.status()) {
            case SUCCESSFUL -> Optional.empty();
            case FAILED, ABORTED -> Optional.of(result.throwable() == null
                    ? new AssertionError(testName + " failed in its child JVM without an exception")
                    : ThrowableCodec.decode(result.throwable(), loader));
            case SKIPPED -> Optional.of(new TestAbortedException(
                    testName + " was skipped in its child JVM: " + result.reason()));
            case NOT_RUN -> Optional.of(new ChildJvmException(Reason.NOT_RUN, 0,
                    testName + " did not run in its child JVM: " + result.reason()));
        };
    }

    private static ChildJvmException timedOut(ChildOutcome outcome, String testName) {
        StringBuilder message = new StringBuilder(testName)
                .append(" did not finish within ").append(Durations.format(outcome.timeout()))
                .append(" in its child JVM (pid ").append(outcome.pid()).append("), so nsunit killed it.")
                .append(" Raise the limit with @Timeout on the test or the configuration parameter")
                .append(" nsunit.child.timeout.");
        if (!outcome.threadDump().isBlank()) {
            message.append("\nThreads of the child JVM when it was killed:\n").append(outcome.threadDump().strip());
        }
        return new ChildJvmException(Reason.TIMED_OUT, outcome.exitStatus(), message.toString());
    }

    private static ChildJvmException diedWithoutResult(ChildOutcome outcome, String testName) {
        int status = outcome.exitStatus();
        int signal = Signals.fromExitStatus(status);
        Optional<ExitCall> exitCall = outcome.exitCall();
        ChildJvmException failure;
        if (exitCall.isPresent()) {
            ExitCall call = exitCall.get();
            failure = new ChildJvmException(Reason.SYSTEM_EXIT, status, testName + " called " + call.call() + "("
                    + status + ") on thread \"" + call.threadName() + "\", which ended its child JVM before the test"
                    + " finished. The stack trace below is the stack of that call." + lastWords(outcome));
            failure.setStackTrace(call.stack().toArray(StackTraceElement[]::new));
            return failure;
        }
        if (outcome.stderrTail().contains(JVM_CRASH_BANNER) || crashedBanner(outcome)) {
            return new ChildJvmException(Reason.CRASHED, status, testName + " crashed its child JVM ("
                    + Signals.name(signal == 0 ? 6 : signal) + "): a fatal error in the JVM or in native code."
                    + lastWords(outcome));
        }
        if (signal != 0) {
            return new ChildJvmException(Reason.KILLED_BY_SIGNAL, status, testName + ": its child JVM was killed by "
                    + Signals.name(signal) + " (exit status " + status + ") before the test finished."
                    + (signal == 9 ? " Something outside the JVM killed it (the kernel, a user, a CI agent)." : "")
                    + lastWords(outcome));
        }
        return new ChildJvmException(Reason.EXITED, status, testName + ": its child JVM exited with status " + status
                + " before the test finished, without calling System.exit (Runtime.halt, or an exit in native"
                + " code)." + channelNote(outcome) + lastWords(outcome));
    }

    /**
     * HotSpot prints its crash report on stdout and then aborts (exit 134), or exits with status 1 when core
     * dumps are off ({@code -XX:-CreateCoredumpOnCrash}), so the report, not the status, tells a crash. The
     * report's first line may have scrolled out of the tail; its pointer to the hs_err file is near the end.
     */
    private static boolean crashedBanner(ChildOutcome outcome) {
        return outcome.stdoutTail().contains(JVM_CRASH_BANNER) || outcome.stdoutTail().contains(JVM_CRASH_REPORT_FILE);
    }

    private static String channelNote(ChildOutcome outcome) {
        return outcome.channelError().map(e -> " The result channel broke: " + e + ".").orElse("");
    }

    private static String lastWords(ChildOutcome outcome) {
        StringBuilder words = new StringBuilder();
        if (crashedBanner(outcome)) {
            words.append("\nThe JVM's crash report (stdout):\n").append(outcome.stdoutTail());
        }
        if (!outcome.stderrTail().isBlank()) {
            words.append("\nLast lines of the child's stderr:\n").append(outcome.stderrTail());
        }
        return words.toString();
    }
}
