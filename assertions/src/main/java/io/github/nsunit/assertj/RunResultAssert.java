package io.github.nsunit.assertj;

import io.github.nsunit.RunResult;
import io.github.nsunit.RunResult.Ending;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractLongAssert;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

import java.util.Objects;

/**
 * Assertions on how an isolated run ended. Each failure says what was expected and what actually happened, in
 * nsunit's words ("... but it was killed by the kernel OOM killer (limit 64 MiB, peak 64 MiB, 1 OOM kill)"),
 * followed by the details that explain it: what the task threw, the stack of an exit call, a timeout's threads,
 * and the last lines of its stdout and stderr.
 *
 * @param <T> the type of the value the task returns
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class RunResultAssert<T> extends AbstractObjectAssert<RunResultAssert<T>, RunResult<T>> {

    public RunResultAssert(RunResult<T> actual) {
        super(actual, RunResultAssert.class);
    }

    /** The task returned normally (any value). */
    public RunResultAssert<T> returnedNormally() {
        return expectEnding(Ending.RETURNED, "to return");
    }

    /** The task returned a value equal to {@code expected}. */
    public RunResultAssert<T> returned(Object expected) {
        expectEnding(Ending.RETURNED, "to return " + show(expected));
        T value = actual.value();
        if (!Objects.equals(value, expected)) {
            fail("to return " + show(expected) + ", but it returned " + show(value));
        }
        return myself;
    }

    /** Assertions on the value the task returned; fails unless it returned. */
    public ObjectAssert<T> returnedValue() {
        expectEnding(Ending.RETURNED, "to return");
        return Assertions.assertThat(actual.value()).as("the value %s returned", actual.taskName());
    }

    /** The task threw an instance of {@code type} (its subclasses included). */
    public RunResultAssert<T> threw(Class<? extends Throwable> type) {
        String expected = "to throw " + type.getName();
        expectEnding(Ending.THREW, expected);
        if (!type.isInstance(actual.thrown().orElseThrow())) {
            fail(expected + ", but it " + actual.describe());
        }
        return myself;
    }

    /** Assertions on what the task threw; fails unless it threw (a heap {@link OutOfMemoryError} counts). */
    public AbstractThrowableAssert<?, ? extends Throwable> thrown() {
        isNotNull();
        if (actual.thrown().isEmpty()) {
            fail("to throw, but it " + actual.describe());
        }
        return Assertions.assertThat(actual.thrown().get()).as("what %s threw", actual.taskName());
    }

    /** The task ended its JVM with {@code System.exit(status)} (or {@code Runtime.halt(status)}). */
    public RunResultAssert<T> exitedWith(int status) {
        String expected = "to exit with status " + status;
        expectEnding(Ending.EXITED, expected);
        if (actual.exitStatus() != status) {
            fail(expected + ", but it " + actual.describe());
        }
        return myself;
    }

    /** The task ran out of memory either way: a heap {@link OutOfMemoryError} or the kernel's OOM killer. */
    public RunResultAssert<T> ranOutOfMemory() {
        isNotNull();
        if (actual.ending() != Ending.HEAP_OUT_OF_MEMORY && actual.ending() != Ending.OOM_KILLED) {
            fail("to run out of memory, but it " + actual.describe());
        }
        return myself;
    }

    /** An {@link OutOfMemoryError} was thrown in the task's JVM. */
    public RunResultAssert<T> threwHeapOutOfMemoryError() {
        return expectEnding(Ending.HEAP_OUT_OF_MEMORY, "to throw OutOfMemoryError");
    }

    /** The kernel's OOM killer killed the task's JVM: its cgroup reached the memory limit. */
    public RunResultAssert<T> wasKilledByOomKiller() {
        return expectEnding(Ending.OOM_KILLED, "to be killed by the kernel OOM killer");
    }

    /** The task did not finish within its timeout. */
    public RunResultAssert<T> timedOut() {
        return expectEnding(Ending.TIMED_OUT, "to time out");
    }

    /** The task's JVM was killed by a signal from outside. */
    public RunResultAssert<T> wasKilledBySignal(int signal) {
        String expected = "to be killed by signal " + signal;
        expectEnding(Ending.KILLED_BY_SIGNAL, expected);
        if (actual.signal().orElse(0) != signal) {
            fail(expected + ", but it " + actual.describe());
        }
        return myself;
    }

    /** The task's JVM crashed (a fatal error in the JVM or native code). */
    public RunResultAssert<T> crashed() {
        return expectEnding(Ending.CRASHED, "to crash its JVM");
    }

    /** The run ended the given way. */
    public RunResultAssert<T> endedWith(Ending ending) {
        return expectEnding(ending, "to end with " + ending);
    }

    /** Assertions on the peak memory of the task's cgroup, in bytes; fails when the run had no memory limit. */
    public AbstractLongAssert<?> peakMemory() {
        isNotNull();
        if (actual.peakMemoryBytes().isEmpty()) {
            fail("to have a peak memory figure, but it has none: give the run a memory limit, e.g."
                    + " Isolated.with().memoryLimit(\"256M\") (on cgroup v2 the kernel needs memory.peak, Linux 5.19)");
        }
        return Assertions.assertThat(actual.peakMemoryBytes().getAsLong())
                .as("peak memory in bytes of %s (%s)", actual.taskName(), actual.describe());
    }

    /** Assertions on everything the task's JVM wrote to stdout. */
    public AbstractStringAssert<?> stdout() {
        isNotNull();
        return Assertions.assertThat(actual.stdout()).as("stdout of %s", actual.taskName());
    }

    /** Assertions on everything the task's JVM wrote to stderr. */
    public AbstractStringAssert<?> stderr() {
        isNotNull();
        return Assertions.assertThat(actual.stderr()).as("stderr of %s", actual.taskName());
    }

    private RunResultAssert<T> expectEnding(Ending ending, String expected) {
        isNotNull();
        if (actual.ending() != ending) {
            fail(expected + ", but it " + actual.describe());
        }
        return myself;
    }

    /** "Expecting <task> <expected>, but it <what happened>", then the details. */
    private void fail(String expectedButActual) {
        String details = actual.details();
        failWithMessage("%s", "Expecting " + actual.taskName() + " " + expectedButActual + "."
                + (details.isEmpty() ? "" : "\n" + details));
    }

    private static String show(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
