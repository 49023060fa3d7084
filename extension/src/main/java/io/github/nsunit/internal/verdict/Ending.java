package io.github.nsunit.internal.verdict;

import io.github.nsunit.internal.text.Durations;
import io.github.nsunit.internal.text.Signals;
import io.github.nsunit.ChildJvmException;
import io.github.nsunit.ChildJvmException.Reason;
import io.github.nsunit.RunResult;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;
import io.github.nsunit.internal.process.ChildOutcome;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * How a child ended, told apart exactly, with the throwable the test ends with when nothing else was expected:
 * passed, the test's own failure, a heap {@link OutOfMemoryError}, a kill by the kernel OOM killer (its cgroup's
 * counter rose and the JVM died by SIGKILL: exit status 137 alone proves nothing), a {@code System.exit}, the
 * watchdog, or another death.
 */
public record Ending(Kind kind, Throwable failure, Optional<ExitCall> exitCall) {
    private static final String JVM_CRASH_BANNER = "A fatal error has been detected by the Java Runtime Environment";
    private static final String JVM_CRASH_REPORT_FILE = "An error report file with more information is saved as";
    private static final String OOME = "java.lang.OutOfMemoryError";

    /**
     * The ways a child can end, told apart: the one table of endings. Each names the public reason a
     * {@link ChildJvmException} carries for it (none where the test's own throwable is the failure) and the
     * programmatic API's {@link RunResult.Ending} (none where {@code Isolated} throws instead). Adding an ending
     * means adding it here, and where {@link #of} tells it apart.
     */
    public enum Kind {
        PASSED(null, RunResult.Ending.RETURNED),
        FAILED(null, RunResult.Ending.THREW),
        HEAP_OUT_OF_MEMORY(Reason.EXITED, RunResult.Ending.HEAP_OUT_OF_MEMORY),
        OOM_KILLED(Reason.OOM_KILLED, RunResult.Ending.OOM_KILLED),
        SYSTEM_EXIT(Reason.SYSTEM_EXIT, RunResult.Ending.EXITED),
        EXITED(Reason.EXITED, RunResult.Ending.EXITED),
        KILLED_BY_SIGNAL(Reason.KILLED_BY_SIGNAL, RunResult.Ending.KILLED_BY_SIGNAL),
        CRASHED(Reason.CRASHED, RunResult.Ending.CRASHED),
        TIMED_OUT(Reason.TIMED_OUT, RunResult.Ending.TIMED_OUT),
        NOT_RUN(Reason.NOT_RUN, null),
        CHANNEL_CORRUPTED(Reason.CHANNEL_CORRUPTED, null);

        private final Reason reason;
        private final RunResult.Ending runResult;

        Kind(Reason reason, RunResult.Ending runResult) {
            this.reason = reason;
            this.runResult = runResult;
        }

        /** The programmatic API's ending, or empty where the API throws the failure instead. */
        public Optional<RunResult.Ending> runResult() {
            return Optional.ofNullable(runResult);
        }

        /** The failure of a child that ended this way, with this kind's public reason. */
        ChildJvmException failure(int exitStatus, String message) {
            return new ChildJvmException(reason, exitStatus, message);
        }
    }

    public static Ending of(ChildOutcome outcome, TestFacts facts) {
        if (outcome.channelCorrupted()) {
            return new Ending(Kind.CHANNEL_CORRUPTED, Kind.CHANNEL_CORRUPTED.failure(
                    outcome.exitStatus(), facts.testName() + ": the child's result channel was corrupted: "
                            + outcome.channelError().orElse("?") + ". nsunit believes nothing the child reported after"
                            + " that; the child JVM exited with status " + outcome.exitStatus() + ". Something in the"
                            + " child wrote to its channel (file descriptor 3) besides nsunit." + lastWords(outcome)),
                    Optional.empty());
        }
        if (outcome.timedOut()) {
            return new Ending(Kind.TIMED_OUT, timedOut(outcome, facts), Optional.empty());
        }
        if (outcome.result().isPresent()) {
            return fromResult(outcome.result().get(), facts);
        }
        int signal = Signals.fromExitStatus(outcome.exitStatus());
        if (signal == 9 && facts.stats().flatMap(s -> toOptional(s.oomKills())).orElse(0L) > 0) {
            return new Ending(Kind.OOM_KILLED, Kind.OOM_KILLED.failure(outcome.exitStatus(),
                    facts.testName() + " was killed by the kernel OOM killer: its cgroup reached " + facts.memoryLimit()
                            + " (" + Figures.memory(facts) + "). A heap running out would have thrown"
                            + " OutOfMemoryError instead: this was memory outside the Java heap (direct buffers,"
                            + " native code, metaspace, thread stacks), a subprocess, or a heap allowed to grow past"
                            + " the limit (-Xmx)." + lastWords(outcome)), Optional.empty());
        }
        if (outcome.exitCall().isEmpty() && outcome.stderrTail().contains(OOME)) {
            return new Ending(Kind.HEAP_OUT_OF_MEMORY, Kind.HEAP_OUT_OF_MEMORY.failure(outcome.exitStatus(),
                    facts.testName() + ": its child JVM ran out of memory outside the test's own thread and exited"
                            + " with status " + outcome.exitStatus() + " before reporting a result ("
                            + Figures.memory(facts) + ")." + lastWords(outcome)), Optional.empty());
        }
        if (outcome.exitCall().isPresent()) {
            ExitCall call = outcome.exitCall().get();
            ChildJvmException failure = Kind.SYSTEM_EXIT.failure(outcome.exitStatus(),
                    facts.testName() + " called " + call.call() + "(" + outcome.exitStatus() + ") on thread \""
                            + call.threadName() + "\", which ended its child JVM before the test finished. The stack"
                            + " trace below is the stack of that call." + lastWords(outcome));
            failure.setStackTrace(call.stack().toArray(StackTraceElement[]::new));
            return new Ending(Kind.SYSTEM_EXIT, failure, Optional.of(call));
        }
        return otherDeath(outcome, facts.testName());
    }

    private static Ending fromResult(TestResult result, TestFacts facts) {
        switch (result.status()) {
            case SUCCESSFUL:
                return new Ending(Kind.PASSED, null, Optional.empty());
            case FAILED:
            case ABORTED:
                Throwable thrown = result.throwable() == null
                        ? new AssertionError(facts.testName() + " failed in its child JVM without an exception")
                        : ThrowableCodec.decode(result.throwable(), facts.loader());
                boolean heap = thrown instanceof OutOfMemoryError
                        || thrown.toString().startsWith(OOME);
                return new Ending(heap ? Kind.HEAP_OUT_OF_MEMORY : Kind.FAILED, thrown, Optional.empty());
            case SKIPPED:
                return new Ending(Kind.FAILED, new TestAbortedException(
                        facts.testName() + " was skipped in its child JVM: " + result.reason()), Optional.empty());
            default:
                return new Ending(Kind.NOT_RUN, Kind.NOT_RUN.failure(0,
                        facts.testName() + " did not run in its child JVM: " + result.reason()), Optional.empty());
        }
    }

    private static ChildJvmException timedOut(ChildOutcome outcome, TestFacts facts) {
        StringBuilder message = new StringBuilder(facts.testName())
                .append(" did not finish within ").append(Durations.format(outcome.timeout()))
                .append(" in its child JVM (pid ").append(outcome.pid()).append("), so nsunit killed it.")
                .append(" Raise the limit with @Timeout on the test or the configuration parameter")
                .append(" nsunit.child.timeout.");
        if (!facts.memoryLimit().isEmpty()) {
            message.append(" Under ").append(facts.memoryLimit()).append(": ").append(Figures.memory(facts))
                    .append(" (a JVM near its limit can spend all its time collecting garbage).");
        }
        if (!outcome.threadDump().isBlank()) {
            message.append("\nThreads of the child JVM when it was killed:\n").append(outcome.threadDump().strip());
        }
        return Kind.TIMED_OUT.failure(outcome.exitStatus(), message.toString());
    }

    private static Ending otherDeath(ChildOutcome outcome, String testName) {
        int status = outcome.exitStatus();
        int signal = Signals.fromExitStatus(status);
        if (outcome.stderrTail().contains(JVM_CRASH_BANNER) || crashBanner(outcome)) {
            return died(Kind.CRASHED, status, testName + " crashed its child JVM ("
                    + (signal == 0 ? "exit status " + status : Signals.name(signal))
                    + "): a fatal error in the JVM or in native code."
                    + lastWords(outcome));
        }
        if (signal != 0) {
            return died(Kind.KILLED_BY_SIGNAL, status, testName + ": its child JVM was killed by "
                    + Signals.name(signal) + " (exit status " + status + ") before the test finished."
                    + (signal == 9 ? " Something outside the JVM killed it (a user, a CI agent, the kernel)." : "")
                    + lastWords(outcome));
        }
        if (outcome.channelError().isPresent() && (status == 0 || status == ChildOutcome.NO_CHANNEL_STATUS)) {
            return died(Kind.NOT_RUN, status, testName + ": its child JVM ended (exit status "
                    + status + ") without reporting a result, because its result channel failed: "
                    + outcome.channelError().get() + "." + lastWords(outcome));
        }
        String channel = outcome.channelError().map(e -> " The result channel broke: " + e + ".").orElse("");
        return died(Kind.EXITED, status, testName + ": its child JVM exited with status " + status
                + " before the test finished, without calling System.exit (Runtime.halt, or an exit in native"
                + " code)." + channel + lastWords(outcome));
    }

    private static Ending died(Kind kind, int status, String message) {
        return new Ending(kind, kind.failure(status, message), Optional.empty());
    }

    /**
     * HotSpot prints its crash report on stdout and then aborts (exit 134), or exits with status 1 when core
     * dumps are off ({@code -XX:-CreateCoredumpOnCrash}), so the report, not the status, tells a crash. The
     * report's first line may have scrolled out of the tail; its pointer to the hs_err file is near the end.
     */
    private static boolean crashBanner(ChildOutcome outcome) {
        return outcome.stdoutTail().contains(JVM_CRASH_BANNER) || outcome.stdoutTail().contains(JVM_CRASH_REPORT_FILE);
    }

    static String lastWords(ChildOutcome outcome) {
        StringBuilder words = new StringBuilder();
        if (crashBanner(outcome)) {
            words.append("\nThe JVM's crash report (stdout):\n").append(outcome.stdoutTail());
        }
        if (!outcome.stderrTail().isBlank()) {
            words.append("\nLast lines of the child's stderr:\n").append(outcome.stderrTail());
        }
        return words.toString();
    }

    private static Optional<Long> toOptional(java.util.OptionalLong value) {
        return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
    }
}
