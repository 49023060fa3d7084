package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Point 11 and bad configuration: JUnit's timeout fires in the child; the watchdog stops a wedged child. */
class ForkedTimeoutTests {

    @Test
    void jupitersTimeoutFiresInTheChildAndIsReportedAsItsOwn() {
        EngineRun run = EngineRun.of(JupiterTimeoutTestCase.class);

        assertThat(run.failure("sleeps")).isExactlyInstanceOf(TimeoutException.class)
                .hasMessage("sleeps() timed out after 300 milliseconds");
    }

    @Test
    void theWatchdogKillsAWedgedChildAndShowsItsThreads() {
        long start = System.nanoTime();
        EngineRun run = EngineRun.of(DeadlockTestCase.class, Map.of(Forked.CHILD_TIMEOUT_PROPERTY_NAME, "2 s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Throwable failure = run.failure("deadlocks");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageContaining("DeadlockTestCase.deadlocks() did not finish within 2 s")
                .hasMessageContaining("nsunit.child.timeout")
                .hasMessageContaining("\"nsunit-test-deadlocked-A\"")
                .hasMessageContaining("Found one Java-level deadlock");
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTimeoutThatIsNotADurationFailsNamingTheParameterAndTheAcceptedForm() {
        EngineRun run = EngineRun.of(PassingTestCase.class, Map.of(Forked.CHILD_TIMEOUT_PROPERTY_NAME, "ten"));

        assertThat(run.failure("passes")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.timeout=\"ten\" is not a duration: expected"
                        + " <number> [ns|μs|ms|s|m|h|d] up to 36500 d, e.g. \"30 s\" or \"5 m\"");
    }

    @Test
    void aFastStartThatIsNotABooleanFailsNamingTheParameterAndTheAcceptedForm() {
        EngineRun run = EngineRun.of(PassingTestCase.class, Map.of(Forked.CHILD_FAST_START_PROPERTY_NAME, "maybe"));

        assertThat(run.failure("passes")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.fast-start=\"maybe\" is not a boolean:"
                        + " expected true or false");
    }

    @Forked
    static class JupiterTimeoutTestCase {
        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void sleeps() throws InterruptedException {
            Thread.sleep(20_000);
        }
    }

    @Forked
    static class DeadlockTestCase {
        @Test
        void deadlocks() throws InterruptedException {
            Object first = new Object();
            Object second = new Object();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread a = lockInOrder("nsunit-test-deadlocked-A", first, second, bothHoldOne);
            Thread b = lockInOrder("nsunit-test-deadlocked-B", second, first, bothHoldOne);
            a.join();
            b.join();
        }

        private static Thread lockInOrder(String name, Object outer, Object inner, CountDownLatch bothHoldOne) {
            Thread thread = new Thread(() -> {
                synchronized (outer) {
                    bothHoldOne.countDown();
                    try {
                        bothHoldOne.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    synchronized (inner) {
                        System.out.println("never reached");
                    }
                }
            }, name);
            thread.start();
            return thread;
        }
    }

    @Forked
    static class PassingTestCase {
        @Test
        void passes() {
        }
    }
}
