package io.github.nsunit.internal.api;

import io.github.nsunit.RunResult;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Everything a {@link RunResult} says, as plain values.
 *
 * @param value        what the task returned (RETURNED only; may be null)
 * @param valueProblem why the returned value could not be rebuilt here, or null
 * @param thrown       what the task threw (THREW; HEAP_OUT_OF_MEMORY when the error reached the task), or null
 * @param exitCall     {@code System.exit} or {@code Runtime.exit} when the task called it, else empty
 * @param exitStack    the stack of that call, outermost frame last
 * @param lastWords    for an ending without a result: the thread dump of a timeout and the last lines of stderr
 */
public record TaskOutcome(String taskName, RunResult.Ending ending, Object value, RuntimeException valueProblem,
                          Throwable thrown, int exitStatus, String exitCall, List<StackTraceElement> exitStack,
                          String stdout, String stderr, OptionalLong memoryLimitBytes, OptionalLong peakMemoryBytes,
                          OptionalLong oomKills, OptionalLong cpuTimeNanos, Duration timeout, Duration elapsed,
                          long pid, String lastWords) {

    public TaskOutcome {
        exitStack = List.copyOf(exitStack);
    }
}
