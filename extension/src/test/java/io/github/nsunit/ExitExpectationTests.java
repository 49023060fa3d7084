package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: {@code @ExpectSystemExit} passes on the expected status and fails, saying why, on any other ending;
 * the same holds in a PID namespace, where the status must travel through the namespace's PID 1.
 */
class ExitExpectationTests {
    private static final String PLAIN = "without namespaces";
    private static final String PID_NAMESPACE = "in a PID namespace";
    private static EngineRun plain;
    private static EngineRun inPidNamespace;

    @BeforeAll
    static void runFixtures() {
        plain = EngineRun.of(ExitsTestCase.class);
        inPidNamespace = EngineRun.of(ExitsInPidNamespaceTestCase.class);
    }

    @AfterAll
    static void forgetRuns() {
        plain = inPidNamespace = null;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void theExpectedStatusPasses(String where) {
        assertThat(run(where).finished("exitsWithTwo(").getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run(where).finished("exitsWithZero()").getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run(where).finished("exitsFromAnotherThread()").getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void anotherStatusFailsNamingItWithTheStackOfTheCall(String where) {
        Throwable failure = run(where).failure("exitsWithThree()");
        assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage(fixture(where) + ".exitsWithThree() was expected to call System.exit(2), but called"
                        + " System.exit(3); the stack trace below is the stack of that call.");
        assertThat(((AssertionFailedError) failure).getActual().getValue()).isEqualTo(3);
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("exitsWithThree")
                && frame.getClassName().equals(ExitsTestCase.class.getName()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void completingFailsSayingItDidNotExit(String where) {
        assertThat(run(where).failure("completes()")).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage(fixture(where) + ".completes() was expected to call System.exit(2), but the test"
                        + " completed without exiting");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void aFailureBeforeTheExitIsTheTestsOwn(String where) {
        assertThat(run(where).failure("failsBeforeExiting()")).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessage("not there yet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void haltIsNoExitCallAndFailsWithItsStatusAndStack(String where) {
        Throwable failure = run(where).failure("haltsWithTwo()");
        // the exit agent of an @ExpectSystemExit test sees the halt, with the stack of the call
        assertThat(failure).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("was expected to call System.exit(2), but called Runtime.halt(2)");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("haltsWithTwo"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void anUnexpectedHaltFailsWithReasonExitedAndItsStatus(String where) {
        Throwable failure = run(where).failure("haltsWithFour()");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class);
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.EXITED);
        assertThat(((ChildJvmException) failure).exitStatus()).hasValue(4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void anUnexpectedExitFailsWithReasonSystemExit(String where) {
        Throwable failure = run(where).failure("exitsUnexpectedly()");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageStartingWith(fixture(where) + ".exitsUnexpectedly() called System.exit(5)");
        assertThat(((ChildJvmException) failure).exitStatus()).hasValue(5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {PLAIN, PID_NAMESPACE})
    void aSigkillIsADeathBySignalNotAnExit(String where) {
        Throwable failure = run(where).failure("killedBySignal()");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class);
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.KILLED_BY_SIGNAL);
        assertThat(((ChildJvmException) failure).exitStatus()).hasValue(137);
    }

    @Test
    void thePidNamespaceFixtureReallyRanInAPidNamespace() {
        assertThat(run(PID_NAMESPACE).entriesOf("exitsWithTwo").get(0).get("pid namespace"))
                .isNotEqualTo(Host.namespace("pid"));
        assertThat(run(PLAIN).entriesOf("exitsWithTwo").get(0).get("pid namespace"))
                .isEqualTo(Host.namespace("pid"));
    }

    private static EngineRun run(String where) {
        return where.equals(PLAIN) ? plain : inPidNamespace;
    }

    private static String fixture(String where) {
        return "ExitExpectationTests." + (where.equals(PLAIN) ? "ExitsTestCase" : "ExitsInPidNamespaceTestCase");
    }

    static class ExitsTestCase {
        @Test
        @ExpectSystemExit(2)
        void exitsWithTwo(org.junit.jupiter.api.TestReporter reporter) {
            reporter.publishEntry("pid namespace", Host.namespace("pid"));
            System.exit(2);
        }

        @Test
        @ExpectSystemExit(0)
        void exitsWithZero() {
            System.exit(0);
        }

        @Test
        @ExpectSystemExit(2)
        void exitsFromAnotherThread() throws InterruptedException {
            Thread exiter = new Thread(() -> System.exit(2), "nsunit-test-exiter");
            exiter.start();
            exiter.join();
        }

        @Test
        @ExpectSystemExit(2)
        void exitsWithThree() {
            System.exit(3);
        }

        @Test
        @ExpectSystemExit(2)
        void completes() {
        }

        @Test
        @ExpectSystemExit(2)
        void failsBeforeExiting() {
            throw new AssertionFailedError("not there yet");
        }

        @Test
        @ExpectSystemExit(2)
        void haltsWithTwo() {
            Runtime.getRuntime().halt(2);
        }

        @Test
        @Forked
        void haltsWithFour() {
            Runtime.getRuntime().halt(4);
        }

        @Test
        @Forked
        void exitsUnexpectedly() {
            System.exit(5);
        }

        @Test
        @ExpectSystemExit(2)
        void killedBySignal() throws Exception {
            new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(10_000);
        }
    }

    @IsolatedPid
    static class ExitsInPidNamespaceTestCase extends ExitsTestCase {
    }
}
