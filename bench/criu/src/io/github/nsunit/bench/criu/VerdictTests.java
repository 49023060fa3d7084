package io.github.nsunit.bench.criu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests whose verdicts bench/criu/measure compares between a started and a restored child: each class ends its
 * JVM differently (WarmChild exits 0 when its test passed, 1 when not; System.exit keeps its status; the hang
 * is killed by the driver as a timeout watchdog would).
 */
final class VerdictTests {
    private VerdictTests() {
    }

    static class Failing {
        @Test
        void fails() {
            fail("on purpose");
        }
    }

    static class Exiting {
        @Test
        void exits() {
            System.exit(3);
        }
    }

    static class Hanging {
        @Test
        void hangs() throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
