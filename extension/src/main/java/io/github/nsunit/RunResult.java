package io.github.nsunit;

import io.github.nsunit.internal.text.Durations;
import io.github.nsunit.internal.text.Bytes;
import io.github.nsunit.internal.text.Signals;
import org.apiguardian.api.API;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How a task run by {@link Isolated} ended in its child JVM, with what it printed and, when it had a memory
 * limit, what its cgroup counted. {@link #toString()} says it in words: {@code lambda in CliTest.rejects called
 * System.exit(2) at Cli.main(Cli.java:12)}.
 *
 * @param <T> the type of the value the task returns ({@link Void} for a {@link SerializableRunnable})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RunResult<T> {

    /** How the task's child JVM ended. */
    public enum Ending {
        /** The task returned; {@link #value()} is what it returned (null for a runnable). */
        RETURNED,
        /** The task threw; {@link #thrown()} is the original throwable, rebuilt in this JVM. */
        THREW,
        /**
         * The JVM exited before the task finished: {@code System.exit} (then {@link #exitStack()} is the stack of
         * the call) or {@code Runtime.halt} / a native exit (the stack is empty). {@link #exitStatus()} is the status.
         */
        EXITED,
        /** An {@link OutOfMemoryError} was thrown in the child ({@link #thrown()} when it reached the task). */
        HEAP_OUT_OF_MEMORY,
        /** The kernel's OOM killer killed the child: its cgroup reached the memory limit (the counter rose). */
        OOM_KILLED,
        /** The task did not finish within the timeout; nsunit dumped its threads and killed it. */
        TIMED_OUT,
        /** The child was killed by a signal it did not handle, from outside (not the OOM killer, not nsunit). */
        KILLED_BY_SIGNAL,
        /** The JVM itself crashed: a fatal error in the JVM or in native code (it writes an hs_err report). */
        CRASHED
    }

    /**
     * Everything a result says, as plain values: {@link IsolatedRun} copies them from the runner's outcome, so
     * this public type depends on nothing internal but the words for figures.
     */
    record Values(String taskName, Ending ending, Object value, RuntimeException valueProblem, Throwable thrown,
                  int exitStatus, String exitCall, List<StackTraceElement> exitStack, String stdout, String stderr,
                  OptionalLong memoryLimitBytes, OptionalLong peakMemoryBytes, OptionalLong oomKills,
                  OptionalLong cpuTimeNanos, Duration timeout, Duration elapsed, long pid, String lastWords) {
        Values {
            exitStack = List.copyOf(exitStack);
        }
    }

    private final Values outcome;

    RunResult(Values outcome) {
        this.outcome = outcome;
    }

    public Ending ending() {
        return outcome.ending();
    }

    /** A name for the task in messages: {@code lambda in CliTest.rejects} or {@code CliTest.Task}. */
    public String taskName() {
        return outcome.taskName();
    }

    /**
     * What the task returned, rebuilt in this JVM.
     *
     * @throws IllegalStateException if the task did not return (the message says how it ended instead), or its
     *                               value could not be rebuilt here
     */
    @SuppressWarnings("unchecked")
    public T value() {
        if (outcome.ending() != Ending.RETURNED) {
            throw new IllegalStateException("no value: " + this, outcome.thrown());
        }
        if (outcome.valueProblem() != null) {
            throw outcome.valueProblem();
        }
        return (T) outcome.value();
    }

    /** Whether the task returned and {@link #value()} can be read. */
    public boolean returned() {
        return outcome.ending() == Ending.RETURNED;
    }

    /**
     * The throwable the task threw: for {@link Ending#THREW}, and for {@link Ending#HEAP_OUT_OF_MEMORY} when the
     * error reached the task's thread. The original class where it can be rebuilt here, else a
     * {@link ThrowableStandIn} with the same class name, message and stack.
     */
    public Optional<Throwable> thrown() {
        return Optional.ofNullable(outcome.thrown());
    }

    /** The child's exit status as {@link Process#exitValue()} gives it: 128 + n for a death by signal n. */
    public int exitStatus() {
        return outcome.exitStatus();
    }

    /** The signal that ended the child (9 for SIGKILL), if a signal did. */
    public OptionalInt signal() {
        int signal = Signals.fromExitStatus(outcome.exitStatus());
        return signal == 0 ? OptionalInt.empty() : OptionalInt.of(signal);
    }

    /** For a {@code System.exit} call: the stack of that call, innermost frame first; otherwise empty. */
    public List<StackTraceElement> exitStack() {
        return outcome.exitStack();
    }

    /** Everything the task's JVM wrote to stdout (the first 16 MiB of it). */
    public String stdout() {
        return outcome.stdout();
    }

    /** Everything the task's JVM wrote to stderr (the first 16 MiB of it). */
    public String stderr() {
        return outcome.stderr();
    }

    /** The highest memory charge of the child's cgroup; empty without a memory limit. */
    public OptionalLong peakMemoryBytes() {
        return outcome.peakMemoryBytes();
    }

    /** The memory limit in force when the child ended; empty without a memory limit. */
    public OptionalLong memoryLimitBytes() {
        return outcome.memoryLimitBytes();
    }

    /** Processes the kernel OOM-killed in the child's cgroup; empty without a memory limit. */
    public OptionalLong oomKills() {
        return outcome.oomKills();
    }

    /** CPU time used by the child and everything it started; empty without a cgroup (no limit asked for). */
    public OptionalLong cpuTimeNanos() {
        return outcome.cpuTimeNanos();
    }

    /** Wall time from starting the child JVM to its end, start-up included. */
    public Duration elapsed() {
        return outcome.elapsed();
    }

    /** The pid of the child's outermost process, as this JVM sees it. */
    public long pid() {
        return outcome.pid();
    }

    /**
     * How the task ended, in words, without its name: {@code returned 42}, {@code threw
     * java.lang.IllegalStateException: boom}, {@code was killed by the kernel OOM killer (limit 64 MiB, peak 64 MiB,
     * 1 OOM kill)}.
     */
    public String describe() {
        switch (outcome.ending()) {
            case RETURNED:
                return outcome.valueProblem() != null ? "returned a value that cannot be rebuilt here ("
                        + outcome.valueProblem().getMessage() + ")" : "returned " + show(outcome.value());
            case THREW:
                return "threw " + outcome.thrown();
            case EXITED:
                if (outcome.exitCall().isEmpty()) {
                    return "exited with status " + outcome.exitStatus() + " without calling System.exit"
                            + " (Runtime.halt, or an exit in native code)";
                }
                return "called " + outcome.exitCall() + "(" + outcome.exitStatus() + ")"
                        + (outcome.exitStack().isEmpty() ? "" : " at " + frame(outcome.exitStack().get(0)));
            case HEAP_OUT_OF_MEMORY:
                return (outcome.thrown() != null ? "threw " + outcome.thrown()
                        : "ran out of memory outside the task's thread (java.lang.OutOfMemoryError on stderr) and"
                        + " exited with status " + outcome.exitStatus()) + memory();
            case OOM_KILLED:
                return "was killed by the kernel OOM killer" + memory();
            case TIMED_OUT:
                return "did not finish within " + Durations.format(outcome.timeout()) + " and was killed" + memory();
            case KILLED_BY_SIGNAL:
                return "was killed by " + Signals.name(signal().orElse(0)) + " (exit status " + outcome.exitStatus()
                        + ")";
            default:
                return "crashed its JVM (" + Signals.name(signal().orElse(6)) + ", exit status " + outcome.exitStatus()
                        + "): a fatal error in the JVM or in native code";
        }
    }

    /**
     * Everything that helps explain the ending, for failure messages: the thrown stack trace, a timeout's thread
     * dump, a crash report, and the last lines of stdout and stderr.
     */
    public String details() {
        List<String> parts = new ArrayList<>();
        if (outcome.thrown() != null) {
            StringWriter trace = new StringWriter();
            outcome.thrown().printStackTrace(new PrintWriter(trace));
            parts.add("Stack trace of what it threw:\n" + trace.toString().strip());
        }
        if (!outcome.exitStack().isEmpty()) {
            StringBuilder stack = new StringBuilder("Stack of the exit call:");
            outcome.exitStack().forEach(frame -> stack.append("\n\tat ").append(frame(frame)));
            parts.add(stack.toString());
        }
        if (!outcome.lastWords().isBlank()) {
            parts.add(outcome.lastWords());
        }
        tail("stdout", outcome.stdout()).ifPresent(parts::add);
        tail("stderr", outcome.stderr()).ifPresent(parts::add);
        return String.join("\n", parts);
    }

    /** {@code lambda in CliTest.rejects called System.exit(2) at ...}. */
    @Override
    public String toString() {
        return outcome.taskName() + " " + describe();
    }

    private String memory() {
        List<String> parts = new ArrayList<>();
        outcome.memoryLimitBytes().ifPresent(limit -> parts.add("limit " + Bytes.format(limit)));
        outcome.peakMemoryBytes().ifPresent(peak -> parts.add("peak " + Bytes.format(peak)));
        outcome.oomKills().ifPresent(kills -> {
            if (kills > 0) {
                parts.add(kills + " OOM kill" + (kills == 1 ? "" : "s"));
            }
        });
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static Optional<String> tail(String stream, String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - 20);
        return Optional.of((from == 0 ? "Its " + stream + ":\n" : "Last 20 lines of its " + stream + ":\n")
                + String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length)));
    }

    /** {@code Cli.main(Cli.java:12)}, without the class loader's name that {@link StackTraceElement} adds. */
    private static String frame(StackTraceElement frame) {
        String where = frame.getFileName() == null ? "Unknown Source"
                : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }

    private static String show(Object value) {
        String text = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
