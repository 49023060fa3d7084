package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory limits through the whole engine on a pure cgroup v2 host (most users' CI): the heap is sized from a
 * limit on the child's own leaf, a kernel OOM kill is told by {@code memory.events}, and the test-scoped limit's
 * handshake works. Runs in the v2 VM ({@code extension/src/test/v2vm/run-engine-v2-tests}); skipped elsewhere,
 * where OutOfMemoryVerdictTests covers cgroup v1.
 */
class CgroupV2EngineTests {
    private static final long MIB = 1024 * 1024;
    private static EngineRun run;

    @BeforeAll
    static void runFixture() throws IOException {
        Host.assumeCgroupV2Memory();
        run = EngineRun.of(V2TestCase.class);
    }

    @AfterAll
    static void forgetRun() {
        run = null;
    }

    @Test
    void theChildRanInACgroupV2LeafAndSizedItsHeapFromItsLimit() {
        Map<String, String> test = run.entriesOf("killedByKernel").get(0);
        assertThat(test.get("cgroup")).startsWith("0::/").contains("nsunit-");
        assertThat(Long.parseLong(test.get("max heap"))).isBetween(24 * MIB, 32 * MIB); // half of 64M
        assertThat(test).containsEntry("nsunit.memory.limit", "64 MiB").containsEntry("nsunit.memory.oom-kills", "1");
    }

    @Test
    void aKernelOomKillIsToldByMemoryEvents() {
        Throwable failure = run.failure("killedByKernel(");
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageContaining("was killed by the kernel OOM killer: its cgroup reached @MemoryLimit(64M)");
        assertThat(((ChildJvmException) failure).reason()).isEqualTo(Reason.OOM_KILLED);
    }

    /** The limit is set only when the child says it is ready, to its usage then plus 10M: retaining 20M runs out. */
    @Test
    void theTestScopedLimitHandshakeWorks() {
        assertThat(run.finished("testScopeRetains()").getRequiredPayload(TestExecutionResult.class).getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.entriesOf("testScopeRetains").get(0).get("nsunit.memory.limit")).isNotEqualTo("10 MiB");
    }

    /** Two children only: under emulation each costs tens of seconds. */
    static class V2TestCase {
        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        void killedByKernel(TestReporter reporter) throws IOException {
            reporter.publishEntry(Map.of("max heap", String.valueOf(Runtime.getRuntime().maxMemory()),
                    "cgroup", Files.readString(Path.of("/proc/self/cgroup")).strip()));
            OutOfMemoryVerdictTests.leakOffHeap();
        }

        @Test
        @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
        @ExpectOutOfMemory
        void testScopeRetains() {
            OutOfMemoryVerdictTests.OutOfMemoryTestCase.retainTwiceTheLimit();
        }
    }
}
