package io.github.nsunit.internal.api;

import io.github.nsunit.ChildJvmException;
import io.github.nsunit.RunResult;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.ReturnValues;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;
import io.github.nsunit.internal.child.ChildMain;
import io.github.nsunit.internal.process.ChildOutcome;
import io.github.nsunit.internal.verdict.Ending;
import io.github.nsunit.internal.verdict.TestFacts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Says how a task's child ended, with the same classification as an isolated test ({@link Ending}): a heap
 * {@link OutOfMemoryError} and a kill by the kernel OOM killer are told apart by the cgroup's counter, never by
 * exit status 137 alone. A child that never ran the task (it could not be deserialized, or the child's own set-up
 * failed) is no ending of the task: that throws.
 */
final class TaskOutcomes {
    private TaskOutcomes() {
    }

    static TaskOutcome of(TaskRequest request, ChildOutcome outcome, Optional<CgroupStats> stats, OutputCapture output,
                          Duration elapsed) {
        outcome.result().filter(TaskOutcomes::notRun).ifPresent(result -> {
            throw notRun(request, result);
        });
        Ending ending = Ending.of(outcome, new TestFacts(request.taskName(), request.loader(), Optional.empty(),
                OptionalInt.empty(), request.memoryLimit(), stats));
        RunResult.Ending kind = kind(ending);
        Object value = null;
        RuntimeException valueProblem = null;
        if (kind == RunResult.Ending.RETURNED) {
            try {
                value = ReturnValues.decode(outcome.returnValue().orElseThrow(() -> new IllegalStateException(
                        "the child reported success but sent no value")), request.loader(),
                        "the value " + request.taskName() + " returned");
            } catch (IllegalStateException e) {
                valueProblem = e;
            }
        }
        Throwable thrown = kind == RunResult.Ending.THREW
                || (kind == RunResult.Ending.HEAP_OUT_OF_MEMORY && outcome.result().isPresent()) ? ending.failure() : null;
        Optional<ExitCall> exitCall = kind == RunResult.Ending.EXITED ? ending.exitCall() : Optional.empty();
        return new TaskOutcome(request.taskName(), kind, value, valueProblem, thrown, outcome.exitStatus(),
                exitCall.map(ExitCall::call).orElse(""), exitCall.map(ExitCall::stack).orElse(List.of()),
                output.stdout(), output.stderr(),
                figure(stats, CgroupStats::memoryLimitBytes), figure(stats, CgroupStats::memoryPeakBytes),
                figure(stats, CgroupStats::oomKills), figure(stats, CgroupStats::cpuUsageNanos),
                outcome.timeout(), elapsed, outcome.pid(), lastWords(kind, outcome));
    }

    /** The API's ending from the one table of endings; where there is none, the run throws its failure. */
    private static RunResult.Ending kind(Ending ending) {
        return ending.kind().runResult().orElseThrow(() -> (ChildJvmException) ending.failure());
    }

    private static boolean notRun(TestResult result) {
        return result.status() == TestResult.Status.NOT_RUN || ChildMain.SET_UP_STEP.equals(result.reason());
    }

    private static ChildJvmException notRun(TaskRequest request, TestResult result) {
        Throwable cause = result.throwable() == null || result.throwable().length == 0 ? null
                : ThrowableCodec.decode(result.throwable(), request.loader());
        ChildJvmException failure = new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                + " did not run: its child JVM failed before the task started (" + result.reason() + ")"
                + (cause == null ? "" : ": " + cause));
        if (cause != null) {
            failure.initCause(cause);
        }
        return failure;
    }

    private static String lastWords(RunResult.Ending kind, ChildOutcome outcome) {
        StringBuilder words = new StringBuilder();
        if (kind == RunResult.Ending.TIMED_OUT && !outcome.threadDump().isBlank()) {
            words.append("Threads of the child JVM when it was killed:\n").append(outcome.threadDump().strip());
        }
        if (kind == RunResult.Ending.CRASHED && !outcome.stdoutTail().isBlank()) {
            words.append(words.length() == 0 ? "" : "\n").append("The JVM's crash report (stdout):\n")
                    .append(outcome.stdoutTail());
        }
        return words.toString();
    }

    private static OptionalLong figure(Optional<CgroupStats> stats,
                                       java.util.function.Function<CgroupStats, OptionalLong> read) {
        return stats.map(read).orElse(OptionalLong.empty());
    }
}
