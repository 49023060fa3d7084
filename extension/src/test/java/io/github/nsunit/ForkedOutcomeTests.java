package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Points 5 and 8: the child's outcome, with its original throwable, becomes the test's; so do its report entries. */
class ForkedOutcomeTests {
    private static EngineRun outcomes;

    @BeforeAll
    static void runOutcomes() {
        outcomes = EngineRun.of(OutcomesTestCase.class);
    }

    @AfterAll
    static void forgetOutcomes() {
        outcomes = null;
    }

    @Test
    void aPassingTestPasses() {
        assertThat(outcomes.finished("passes").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void reportEntriesPublishedInTheChildArePublishedInTheParent() {
        assertThat(outcomes.entriesOf("passes")).containsExactly(
                Map.of("greeting", "hello from the child", "first", "1", "second", "2"));
    }

    @Test
    void aFailedAssertionKeepsItsTypeMessageExpectedActualAndStack() {
        String localMessage = assertThrows(AssertionFailedError.class, OutcomesTestCase::compare).getMessage();

        Throwable failure = outcomes.failure("failsAssertion");
        assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class).hasMessage(localMessage);
        AssertionFailedError assertion = (AssertionFailedError) failure;
        assertThat(assertion.getExpected().getValue()).isEqualTo("expected value");
        assertThat(assertion.getActual().getValue()).isEqualTo("actual value");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("failsAssertion")
                && frame.getClassName().equals(OutcomesTestCase.class.getName()));
    }

    @Test
    void aFailedAssumptionAbortsTheTestWithItsMessage() {
        assertThat(outcomes.finished("aborts").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(outcomes.failure("aborts")).isInstanceOf(TestAbortedException.class)
                .hasMessage("Assumption failed: no network here");
    }

    @Test
    void anExceptionKeepsItsCausesAndSuppressed() {
        Throwable failure = outcomes.failure("throwsWithCauses");

        assertThat(failure).isExactlyInstanceOf(IllegalStateException.class).hasMessage("outer");
        assertThat(failure.getCause()).isExactlyInstanceOf(UncheckedIOException.class).hasMessage("middle");
        assertThat(failure.getCause().getCause()).isExactlyInstanceOf(IOException.class).hasMessage("root");
        assertThat(failure.getSuppressed()).singleElement()
                .isInstanceOf(UnsupportedOperationException.class).hasFieldOrPropertyWithValue("message", "closing");
    }

    @Test
    void aNonSerializableExceptionArrivesAsAStandInKeepingClassMessageAndStack() {
        Throwable failure = outcomes.failure("throwsNonSerializable");

        assertThat(failure).isExactlyInstanceOf(ThrowableStandIn.class).hasMessage("cannot travel");
        assertThat(((ThrowableStandIn) failure).originalClassName()).isEqualTo(NotSerializableFailure.class.getName());
        assertThat(failure).hasToString(NotSerializableFailure.class.getName() + ": cannot travel");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("throwsNonSerializable"));
        assertThat(failure.getCause()).isInstanceOf(ThrowableStandIn.class).hasMessage("its cause");
    }

    @Test
    void aFailingBeforeAllFailsTheTest() {
        EngineRun run = EngineRun.of(BeforeAllFailsTestCase.class);

        assertThat(run.failure("wouldPass")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("before all broke");
    }

    @Test
    void aFailingAfterAllFailsTheTestThatPassed() {
        EngineRun run = EngineRun.of(AfterAllFailsTestCase.class);

        assertThat(run.failure("passes")).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("after all broke");
    }

    /** Its field makes it fail Java serialization. */
    static final class NotSerializableFailure extends RuntimeException {
        private final Object lock = new Object();

        NotSerializableFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Forked
    static class OutcomesTestCase {
        @Test
        void passes(TestReporter reporter) {
            reporter.publishEntry("greeting", "hello from the child");
            reporter.publishEntry(Map.of("first", "1", "second", "2"));
        }

        static void compare() {
            assertEquals("expected value", "actual value", "the values differ");
        }

        @Test
        void failsAssertion() {
            compare();
        }

        @Test
        void aborts() {
            assumeTrue(false, "no network here");
        }

        @Test
        void throwsWithCauses() {
            IllegalStateException outer = new IllegalStateException("outer",
                    new UncheckedIOException("middle", new IOException("root")));
            outer.addSuppressed(new UnsupportedOperationException("closing"));
            throw outer;
        }

        @Test
        void throwsNonSerializable() {
            throw new NotSerializableFailure("cannot travel", new NotSerializableFailure("its cause", null));
        }
    }

    @Forked
    static class BeforeAllFailsTestCase {
        @BeforeAll
        static void breaks() {
            throw new IllegalStateException("before all broke");
        }

        @Test
        void wouldPass() {
        }
    }

    @Forked
    static class AfterAllFailsTestCase {
        @Test
        void passes() {
        }

        @AfterAll
        static void breaks() {
            throw new IllegalStateException("after all broke");
        }
    }
}
