package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults the engine tests do not cover yet (ForkedChildDeathTests has exit, halt, SIGKILL and crash;
 * ForkedTimeoutTests the deadlock): each ends with a verdict that names the test, and leaves nothing behind.
 */
class FaultTests {
    private static final int FLOOD_LINES = 100 * 1024;
    private static final int FLOOD_LINE_BYTES = 1024;
    private static final int SEQ_LINES = 200_000;

    @Test
    void anInfiniteLoopIsEndedByTheWatchdogWithTheLoopInTheThreadDump() {
        long start = System.nanoTime();
        // long enough for a loaded machine's child to reach the loop before the watchdog fires (2 s was not)
        EngineRun run = EngineRun.of(LoopTestCase.class, Map.of(Forked.CHILD_TIMEOUT_PROPERTY_NAME, "6 s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Throwable failure = run.failure("loopsForever");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageStartingWith("FaultTests.LoopTestCase.loopsForever() did not finish within 6 s in its child JVM")
                .hasMessageContaining("Threads of the child JVM when it was killed:")
                .hasMessageContaining("at io.github.nsunit.FaultTests$LoopTestCase.loopsForever(FaultTests.java");
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theWatchdogDumpsTheThreadsOfAJvmThatRunsInItsOwnPidNamespace() {
        EngineRun run = EngineRun.of(PidNamespaceLoopTestCase.class, Map.of(Forked.CHILD_TIMEOUT_PROPERTY_NAME, "6 s"));

        assertThat(run.failure("loopsForever")).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageStartingWith("FaultTests.PidNamespaceLoopTestCase.loopsForever() did not finish within 6 s")
                .hasMessageContaining("at io.github.nsunit.FaultTests$PidNamespaceLoopTestCase.loopsForever(");
    }

    /**
     * The parent relays through a bounded queue, so the child is slowed to the parent's pace and nothing
     * accumulates: the heap retained during the relay (sampled after a GC) stays within a few MiB.
     */
    @Test
    void a100MegabyteFloodOnStdoutIsRelayedWholeWithoutTheParentsHeapGrowing() throws Exception {
        CountingStream counted = new CountingStream();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peakRetained = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peakRetained.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "nsunit-test-heap-sampler");
        long start = System.nanoTime();
        sampler.start();
        EngineExecutionResults results;
        try {
            results = ByteCapture.run(FloodTestCase.class, Map.of(), counted);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(counted.bytes).isEqualTo((long) FLOOD_LINES * FLOOD_LINE_BYTES);
        assertThat(counted.lines).isEqualTo(FLOOD_LINES);
        assertThat(counted.badLines).isZero();
        System.err.printf("nsunit figure: 100 MiB on stdout relayed in %d ms; parent heap after GC %d MiB before,"
                        + " %d MiB peak during, %d MiB after%n", took.toMillis(), before >> 20, peakRetained.get() >> 20,
                after >> 20);
        assertThat(peakRetained.get() - before).as("heap retained while relaying 100 MiB").isLessThan(32L << 20);
        assertThat(after - before).as("heap retained after relaying 100 MiB").isLessThan(16L << 20);
    }

    @Test
    void binaryOutputAndAnUnterminatedLastLineAreRelayedByteForByte() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        EngineExecutionResults results = ByteCapture.run(BinaryTestCase.class, Map.of(), captured);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        assertThat(captured.toByteArray()).isEqualTo(BinaryTestCase.expected());
    }

    @Test
    void aGrandchildWritingStraightToFdOneIsRelayedWholeAndInOrder() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        EngineExecutionResults results = ByteCapture.run(GrandchildTestCase.class, Map.of(), captured);

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        StringBuilder expected = new StringBuilder("child before\n");
        for (int i = 1; i <= SEQ_LINES; i++) {
            expected.append(i).append('\n');
        }
        expected.append("child after\n");
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    /**
     * A daemon that left the tree ({@code setsid -f}: forked, in a new session, re-parented to init) is no
     * descendant of the child any more; the cgroup that tracks a plain {@code @Forked} child (where nsunit may
     * create one: as root) still holds it, and closing it kills the daemon with the test.
     */
    @Test
    void aDaemonThatLeftTheProcessTreeDiesWithThePlainForkedChildsTrackingCgroup() throws Exception {
        String marker = Processes.newMarker("daemon");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(PlainDaemonTestCase.class));

            assertPassed(run, "startsDaemon");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).as("the escaped daemon").isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    @Test
    void aDaemonThatLeftTheProcessTreeDiesWithThePidNamespace() throws Exception {
        String marker = Processes.newMarker("daemon");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(PidNamespaceDaemonTestCase.class));

            assertPassed(run, "startsDaemon");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    @Test
    void aDaemonThatLeftTheProcessTreeIsKilledWithTheCgroup() throws Exception {
        String marker = Processes.newMarker("daemon");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(CgroupDaemonTestCase.class));

            assertPassed(run, "startsDaemon");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    /**
     * A failure whose message is larger than the child's heap can encode: serializing it runs out of memory in
     * the child, and that {@link OutOfMemoryError} is what the test fails with, as a {@link ThrowableStandIn}
     * that prints and traces like it: rethrown as it is, JUnit would take it for the parent's own and end the
     * whole run.
     */
    @Test
    void aFailureTooLargeToSendUnderAMemoryLimitFailsWithTheOutOfMemoryErrorOfSendingIt() {
        EngineRun run = EngineRun.of(HugeFailureTestCase.class);

        Throwable failure = run.failure("failsWithAHugeMessage");
        assertThat(failure).isExactlyInstanceOf(ThrowableStandIn.class)
                .hasToString("java.lang.OutOfMemoryError: Java heap space");
        assertThat(((ThrowableStandIn) failure).originalClassName()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getClassName().endsWith("ThrowableCodec"));
        assertThat(run.finished("passesAfterwards").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    static void assertPassed(EngineRun run, String test) {
        TestExecutionResult result = run.finished(test).getRequiredPayload(TestExecutionResult.class);
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            throw new AssertionError(test + " did not pass: " + result, result.getThrowable().orElse(null));
        }
    }

    /** Starts {@code sleep 300} named after the marker, forked into a session of its own and re-parented to init. */
    static void startEscapingDaemon() throws IOException, InterruptedException {
        Process setsid = new ProcessBuilder("setsid", "-f", "bash", "-c", "exec -a \"$0\" sleep 300",
                System.getProperty(Processes.MARKER_PROPERTY))
                .redirectOutput(new File("/dev/null")).redirectError(new File("/dev/null")).start();
        assertThat(setsid.waitFor()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String marker = System.getProperty(Processes.MARKER_PROPERTY);
        while (Processes.matching(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Processes.matching(marker)).hasSize(1);
        assertThat(ProcessHandle.current().descendants().count()).as("the daemon left the child's tree").isZero();
    }

    /** Counts bytes and newline-terminated lines, and checks each line is a whole flood line. */
    private static final class CountingStream extends OutputStream {
        long bytes;
        long lines;
        long badLines;
        private long lineLength;

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                    if (lineLength != FLOOD_LINE_BYTES - 1) {
                        badLines++;
                    }
                    lineLength = 0;
                } else if (b[i] == 'x') {
                    lineLength++;
                } else {
                    badLines++;
                }
            }
        }
    }

    @Forked
    static class LoopTestCase {
        static volatile boolean stop;
        static long spins;

        @Test
        void loopsForever() {
            while (!stop) {
                spins++;
            }
        }
    }

    @IsolatedPid
    static class PidNamespaceLoopTestCase {
        @Test
        void loopsForever() {
            while (!LoopTestCase.stop) {
                Thread.onSpinWait();
            }
        }
    }

    @Forked
    static class FloodTestCase {
        @Test
        void prints100Megabytes() {
            byte[] line = new byte[FLOOD_LINE_BYTES];
            Arrays.fill(line, (byte) 'x');
            line[FLOOD_LINE_BYTES - 1] = '\n';
            for (int i = 0; i < FLOOD_LINES; i++) {
                System.out.write(line, 0, line.length);
            }
            System.out.flush();
        }
    }

    @Forked
    static class BinaryTestCase {
        static byte[] expected() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int round = 0; round < 64; round++) {
                for (int b = 0; b < 256; b++) {
                    bytes.write(b);
                }
            }
            bytes.writeBytes("an unterminated last line".getBytes(StandardCharsets.UTF_8));
            return bytes.toByteArray();
        }

        @Test
        void printsBinary() {
            byte[] bytes = expected();
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
    }

    @Forked
    static class GrandchildTestCase {
        @Test
        void grandchildPrints() throws Exception {
            System.out.println("child before");
            Process seq = new ProcessBuilder("seq", "1", String.valueOf(SEQ_LINES)).inheritIO().start();
            assertThat(seq.waitFor()).isZero();
            System.out.println("child after");
        }
    }

    @Forked
    static class PlainDaemonTestCase {
        @Test
        void startsDaemon() throws Exception {
            startEscapingDaemon();
        }
    }

    @IsolatedPid
    static class PidNamespaceDaemonTestCase {
        @Test
        void startsDaemon() throws Exception {
            startEscapingDaemon();
        }
    }

    @MemoryLimit("256M")
    static class CgroupDaemonTestCase {
        @Test
        void startsDaemon() throws Exception {
            startEscapingDaemon();
        }
    }

    @MemoryLimit("64M")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class HugeFailureTestCase {
        @Test
        void failsWithAHugeMessage() {
            throw new AssertionError("x".repeat(12_000_000));
        }

        @Test
        void passesAfterwards() {
        }
    }
}
