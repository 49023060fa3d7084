package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 2: a test ended by time carries the child's thread dump. JUnit's {@code @Timeout} fires in the
 * parent too (its interceptor wraps nsunit's); when the child's main thread swallows interrupts, the parent's
 * fires first and must report where the child was stuck.
 */
class TimeoutThreadDumpTests {

    @Test
    void theParentsTimeoutCarriesTheChildsThreadsTheirLocksAndTheDeadlock() {
        EngineRun run = EngineRun.of(SwallowingDeadlockTestCase.class);

        Throwable failure = run.failure("deadlocks");
        assertThat(failure).isExactlyInstanceOf(TimeoutException.class).hasMessageContaining("timed out after 3 seconds");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        // what Surefire's report shows: the stack trace with its suppressed exceptions
        assertThat(trace.toString()).contains("\"locker-one\"", "\"locker-two\"", "java.lang.Thread.State: BLOCKED",
                "waiting to lock", "locked", "Found one Java-level deadlock");
    }

    @Forked
    static class SwallowingDeadlockTestCase {
        @Test
        @Timeout(value = 3, unit = TimeUnit.SECONDS)
        void deadlocks() {
            Object first = new Object();
            Object second = new Object();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread one = lockInOrder("locker-one", first, second, bothHoldOne);
            Thread two = lockInOrder("locker-two", second, first, bothHoldOne);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < until && (one.isAlive() || two.isAlive())) {
                try {
                    one.join(100);
                } catch (InterruptedException swallowed) {
                    // the way some code under test ignores interrupts
                }
            }
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
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
