package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import io.github.nsunit.ExpectOutOfMemory.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: under a {@code @MemoryLimit} the child sizes its heap from the limit, and every way of running out
 * ends the test exactly: the OutOfMemoryError itself, a kernel OOM kill named as such, and
 * {@code @ExpectOutOfMemory} passing only on the kind it names. Each test's cgroup is gone afterwards, and so is
 * everything an OOM-killed child left running.
 */
class OutOfMemoryVerdictTests {
    private static final int MIB = 1024 * 1024;
    private static final String MARKER = "nsunit.test.marker";

    private static String marker;
    private static EngineRun run;

    @BeforeAll
    static void runFixture() {
        marker = "nsunit-test-oom-" + UUID.randomUUID();
        System.setProperty(MARKER, marker);
        try {
            run = EngineRun.of(OutOfMemoryTestCase.class);
        } finally {
            System.clearProperty(MARKER);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Host.killMatching(marker);
        run = null;
    }

    @Test
    void theHeapIsSizedFromTheLimit() {
        long maxHeap = Long.parseLong(run.entriesOf("heapSizedFromLimit").get(0).get("max heap"));
        assertThat(maxHeap).isBetween(48L * MIB, 64L * MIB); // half of 128M, as HotSpot does in a small container
        assertThat(Runtime.getRuntime().maxMemory()).isGreaterThan(128L * MIB);
    }

    @Test
    void aHeapOutOfMemoryErrorWithoutExpectationIsTheTestsFailure() {
        // a real OutOfMemoryError would abort the whole run in the parent: JUnit rethrows it as unrecoverable
        Throwable failure = run.failure("heapRunsOut()");
        assertThat(failure).isExactlyInstanceOf(ThrowableStandIn.class).hasMessage("Java heap space")
                .hasToString("java.lang.OutOfMemoryError: Java heap space");
        assertThat(((ThrowableStandIn) failure).originalClassName()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("leakHeap"));
    }

    @Test
    void aKernelOomKillWithoutExpectationFailsSayingSoWithLimitAndPeak() {
        Throwable failure = run.failure("killedByKernel(");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageStartingWith("OutOfMemoryVerdictTests.OutOfMemoryTestCase.killedByKernel(TestReporter) was killed"
                        + " by the kernel OOM killer: its cgroup reached @MemoryLimit(64M) (limit 64 MiB, peak 64 MiB,"
                        + " 1 OOM kill)");
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.OOM_KILLED);
        assertThat(((ChildJvmException) failure).exitStatus()).hasValue(137);
    }

    @Test
    void nothingAnOomKilledChildStartedOutlivesIt() throws Exception {
        assertThat(run.entriesOf("killedByKernel").get(0)).containsKey("sleep pid");
        assertThat(Host.processesMatching(marker, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void expectOutOfMemoryPassesOnTheKindItNames() {
        for (String test : List.of("anyOnHeap()", "anyOnKill()", "heapOnHeap()", "killedOnKill()")) {
            assertThat(run.finished(test).getRequiredPayload(TestExecutionResult.class).getStatus()).as(test)
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        }
    }

    @Test
    void expectOutOfMemoryFailsWhenTheTestCompletesGivingThePeak() {
        assertThat(run.failure("anyButCompletes()")).isExactlyInstanceOf(AssertionFailedError.class)
                .message().matches("OutOfMemoryVerdictTests\\.OutOfMemoryTestCase\\.anyButCompletes\\(\\) was"
                        + " expected to run out of memory under @MemoryLimit\\(64M\\), but the test completed;"
                        + " limit 64 MiB, peak \\d+(\\.\\d)? MiB");
    }

    @Test
    void expectOutOfMemoryFailsOnTheOtherKind() {
        assertThat(run.failure("heapButKilled()")).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("OutOfMemoryVerdictTests.OutOfMemoryTestCase.heapButKilled() was expected to"
                        + " throw OutOfMemoryError under @MemoryLimit(64M), but the kernel OOM killer killed it"
                        + " instead; limit 64 MiB, peak 64 MiB, 1 OOM kill")
                .cause().isExactlyInstanceOf(ChildJvmException.class);
        assertThat(run.failure("killedButHeap()")).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("OutOfMemoryVerdictTests.OutOfMemoryTestCase.killedButHeap() was expected to"
                        + " be killed by the kernel OOM killer under @MemoryLimit(64M), but it threw"
                        + " OutOfMemoryError instead; limit 64 MiB, peak")
                .cause().hasToString("java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void expectOutOfMemoryFailsWithTheTestsOwnFailureAsCause() {
        assertThat(run.failure("anyButFails()")).isExactlyInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("but it failed otherwise")
                .cause().hasMessage("a plain failure");
    }

    @Test
    void aTestScopedLimitIgnoresGarbageAndStopsRetention() {
        assertThat(run.finished("testScopeGarbage()").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.finished("testScopeRetains()").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.failure("testScopeRetainsUnexpectedly()")).satisfiesAnyOf(
                failure -> assertThat(failure).hasToString("java.lang.OutOfMemoryError: Java heap space"),
                failure -> assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                        .hasMessageContaining("@MemoryLimit(10M, scope = TEST)")
                        .extracting(f -> ((ChildJvmException) f).reason()).isEqualTo(Reason.OOM_KILLED));
    }

    @Test
    void theFiguresArePublishedAsReportEntries() {
        Map<String, String> figures = run.entriesOf("heapSizedFromLimit").get(0);
        assertThat(figures).containsEntry("nsunit.memory.limit", "128 MiB").containsEntry("nsunit.memory.oom-kills", "0")
                .containsKey("nsunit.memory.peak").containsKey("nsunit.cpu.time");
        assertThat(run.entriesOf("killedOnKill").get(0)).containsEntry("nsunit.memory.oom-kills", "1");
    }

    @Test
    void noTestCgroupRemainsAfterItsTest() throws Exception {
        List<Path> dirs = Host.cgroupDirectories(run.entriesOf("heapSizedFromLimit").get(0).get("cgroups"));
        assertThat(dirs).isNotEmpty().allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(Host.nsunitLeafCgroups()).isEmpty();
    }

    // ---- fixtures ----

    static void leakHeap() {
        List<byte[]> leak = new ArrayList<>();
        while (true) {
            leak.add(new byte[MIB]);
        }
    }

    /** Direct buffers are outside the heap: only the cgroup stops them, by a kernel OOM kill. */
    static void leakOffHeap() {
        List<ByteBuffer> leak = new ArrayList<>();
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(MIB);
            for (int i = 0; i < MIB; i += 4096) {
                buffer.put(i, (byte) 1); // only touched pages are charged
            }
            leak.add(buffer);
        }
    }

    static class OutOfMemoryTestCase {
        @Test
        @MemoryLimit("128M")
        void heapSizedFromLimit(TestReporter reporter) throws Exception {
            reporter.publishEntry(Map.of("max heap", String.valueOf(Runtime.getRuntime().maxMemory()),
                    "cgroups", Files.readString(Path.of("/proc/self/cgroup"))));
        }

        @Test
        @MemoryLimit("64M")
        void heapRunsOut() {
            leakHeap();
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        void killedByKernel(TestReporter reporter) throws Exception {
            Process sleep = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300", System.getProperty(MARKER))
                    .redirectOutput(new File("/dev/null")).start();
            reporter.publishEntry("sleep pid", String.valueOf(sleep.pid()));
            leakOffHeap();
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory
        void anyOnHeap() {
            leakHeap();
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        @ExpectOutOfMemory(Kind.ANY)
        void anyOnKill() {
            leakOffHeap();
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory(Kind.HEAP)
        void heapOnHeap() {
            leakHeap();
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        @ExpectOutOfMemory(Kind.KILLED)
        void killedOnKill() {
            leakOffHeap();
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory
        void anyButCompletes() {
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory
        void anyButFails() {
            throw new AssertionFailedError("a plain failure");
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        @ExpectOutOfMemory(Kind.HEAP)
        void heapButKilled() {
            leakOffHeap();
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory(Kind.KILLED)
        void killedButHeap() {
            leakHeap();
        }

        @Test
        @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
        void testScopeGarbage() {
            long checksum = 0;
            for (int i = 0; i < 200 * 16; i++) {
                byte[] garbage = new byte[64 * 1024]; // 200 MiB in all, twenty times the limit, none of it kept
                checksum += garbage.length;
            }
            assertThat(checksum).isEqualTo(200L * MIB);
        }

        @Test
        @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
        @ExpectOutOfMemory
        void testScopeRetains() {
            retainTwiceTheLimit();
        }

        @Test
        @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
        void testScopeRetainsUnexpectedly() {
            retainTwiceTheLimit();
        }

        static void retainTwiceTheLimit() {
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < 20 * 16; i++) {
                kept.add(new byte[64 * 1024]);
            }
            assertThat(kept).hasSize(320);
        }
    }
}
