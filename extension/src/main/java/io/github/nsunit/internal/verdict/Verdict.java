package io.github.nsunit.internal.verdict;

import io.github.nsunit.ExpectOutOfMemory;
import io.github.nsunit.ThrowableStandIn;
import io.github.nsunit.internal.process.ChildOutcome;
import org.opentest4j.AssertionFailedError;

import java.util.Optional;

/**
 * Turns what the parent saw of a child into the test's own result: nothing (passed), the child's original
 * throwable, a {@link io.github.nsunit.ChildJvmException} that says exactly how the child ended without a
 * result, or, for a test that expected to run out of memory or to exit, whether it did.
 */
public final class Verdict {
    private Verdict() {
    }

    /** The throwable the test must end with, or empty if it passed. */
    public static Optional<Throwable> of(ChildOutcome outcome, TestFacts facts) {
        return judge(outcome, facts).map(Verdict::recoverable);
    }

    private static Optional<Throwable> judge(ChildOutcome outcome, TestFacts facts) {
        Ending ending = Ending.of(outcome, facts);
        if (facts.expectedOutOfMemory().isPresent()) {
            return expectOutOfMemory(facts.expectedOutOfMemory().get(), ending, facts);
        }
        if (facts.expectedExit().isPresent()) {
            return expectExit(facts.expectedExit().getAsInt(), ending, outcome, facts);
        }
        return Optional.ofNullable(ending.failure());
    }

    /**
     * JUnit treats an {@link OutOfMemoryError} as unrecoverable and rethrows it out of the whole run (measured:
     * Surefire's fork died with "Java heap space" and no test was reported). The child's error says nothing
     * about the parent's heap, so it travels as a stand-in that prints and traces exactly like it.
     */
    private static Throwable recoverable(Throwable thrown) {
        if (!(thrown instanceof OutOfMemoryError)) {
            return thrown;
        }
        ThrowableStandIn standIn = new ThrowableStandIn(thrown.getClass().getName(), thrown.getMessage(),
                thrown.getCause());
        standIn.setStackTrace(thrown.getStackTrace());
        for (Throwable suppressed : thrown.getSuppressed()) {
            standIn.addSuppressed(suppressed);
        }
        return standIn;
    }

    private static Optional<Throwable> expectOutOfMemory(ExpectOutOfMemory.Kind kind, Ending ending, TestFacts facts) {
        boolean heap = ending.kind() == Ending.Kind.HEAP_OUT_OF_MEMORY;
        boolean killed = ending.kind() == Ending.Kind.OOM_KILLED;
        if ((heap && kind != ExpectOutOfMemory.Kind.KILLED) || (killed && kind != ExpectOutOfMemory.Kind.HEAP)) {
            return Optional.empty();
        }
        String expected = switch (kind) {
            case ANY -> "to run out of memory";
            case HEAP -> "to throw OutOfMemoryError";
            case KILLED -> "to be killed by the kernel OOM killer";
        };
        String happened = switch (ending.kind()) {
            case PASSED -> "the test completed";
            case HEAP_OUT_OF_MEMORY -> "it threw OutOfMemoryError instead";
            case OOM_KILLED -> "the kernel OOM killer killed it instead";
            case FAILED -> "it failed otherwise";
            default -> "its child JVM ended otherwise";
        };
        return Optional.of(new AssertionFailedError(facts.testName() + " was expected " + expected + " under "
                + facts.memoryLimit() + ", but " + happened + "; " + Figures.memory(facts), ending.failure()));
    }

    private static Optional<Throwable> expectExit(int status, Ending ending, ChildOutcome outcome, TestFacts facts) {
        if (ending.kind() == Ending.Kind.SYSTEM_EXIT) {
            boolean halted = ending.exitCall().map(call -> call.call().endsWith("halt")).orElse(false);
            if (outcome.exitStatus() == status && !halted) {
                return Optional.empty();
            }
            AssertionFailedError wrong = new AssertionFailedError(facts.testName() + " was expected to call"
                    + " System.exit(" + status + "), but called " + ending.exitCall().get().call() + "("
                    + outcome.exitStatus() + "); the stack trace below is the stack of that call.",
                    status, outcome.exitStatus());
            wrong.setStackTrace(ending.failure().getStackTrace());
            return Optional.of(wrong);
        }
        if (ending.kind() == Ending.Kind.PASSED) {
            return Optional.of(new AssertionFailedError(facts.testName() + " was expected to call System.exit("
                    + status + "), but the test completed without exiting"));
        }
        return Optional.of(ending.failure());
    }
}
