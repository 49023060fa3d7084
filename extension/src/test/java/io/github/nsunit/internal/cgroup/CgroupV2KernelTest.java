package io.github.nsunit.internal.cgroup;

import static io.github.nsunit.internal.cgroup.RealCgroups.runIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nsunit.internal.cgroup.RealCgroups.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour only a pure cgroup v2 host shows (most users' CI); runs in the v2 VM
 * ({@code extension/src/test/v2vm/run-cgroup-v2-tests}) and is skipped on hybrid or v1 hosts.
 */
class CgroupV2KernelTest {

    private static final long MIB = 1024 * 1024;

    private Cgroups cgroups;

    @BeforeEach
    void open() {
        RealCgroups.assumeRoot();
        assumeTrue(CgroupLayout.ofThisProcess().isPureV2(), "needs a pure cgroup v2 host (run the v2 VM suite)");
        cgroups = Cgroups.open(Optional.empty());
    }

    @AfterEach
    void close() {
        RealCgroups.closeLeavingNothing(cgroups);
    }

    @Test
    void limitIsOnTheLeafWithControllersHandedDownAndSwapOff() throws Exception {
        try (TestCgroup cgroup = cgroups.create("leaf", CgroupLimits.none().withMemoryBytes(64 * MIB)
                .withCpuCores(1.5).withPidsMax(100))) {
            Path leaf = cgroup.trackingDirectory();

            assertThat(cgroup.procsFiles()).containsExactly(leaf.resolve("cgroup.procs"));
            assertThat(leaf.resolve("memory.max")).hasContent(Long.toString(64 * MIB));
            assertThat(leaf.resolve("cpu.max")).hasContent("150000 100000");
            assertThat(leaf.resolve("pids.max")).hasContent("100");
            if (Files.exists(leaf.resolve("memory.swap.max"))) {
                assertThat(leaf.resolve("memory.swap.max")).hasContent("0");
            }
            assertThat(Files.readString(leaf.getParent().resolve("cgroup.subtree_control")))
                    .contains("memory", "cpu", "pids");
            assertThat(leaf.getParent().resolve("memory.max")).hasContent("max"); // the limit is not on the parent
        }
    }

    @Test
    void aJvmBornInA64MiBLeafSizesItsHeapTo32MiB() throws Exception {
        try (TestCgroup cgroup = cgroups.create("jvm", CgroupLimits.none().withMemoryBytes(64 * MIB))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Result result = runIn(cgroup, List.of(java, "-XX:+PrintFlagsFinal", "-version"), 120);

            assertThat(result.exitCode()).as(result.output()).isZero();
            long maxHeap = result.output().lines().filter(l -> l.contains(" MaxHeapSize "))
                    .map(l -> Long.parseLong(l.trim().split("\\s+")[3])).findFirst().orElseThrow();
            System.out.println("v2: MaxHeapSize in a 64 MiB leaf = " + maxHeap + " bytes");
            assertThat(maxHeap).isBetween(28 * MIB, 34 * MIB);
        }
    }

    @Test
    void oomKillIsCountedAndPeakIsRead() throws Exception {
        try (TestCgroup cgroup = cgroups.create("oom", CgroupLimits.none().withMemoryBytes(32 * MIB))) {
            Result result = runIn(cgroup, "head -c 200M /dev/zero | tail -n 1 >/dev/null", 60);

            CgroupStats stats = cgroup.stats();
            System.out.println("v2: over-allocation in 32 MiB: exit " + result.exitCode() + ", " + stats);
            assertThat(result.exitCode()).isEqualTo(137);
            assertThat(stats.oomKills()).hasValue(1);
            assertThat(stats.memoryPeakBytes().orElseThrow()).isBetween(16 * MIB, 32 * MIB);
        }
    }

    @Test
    void closeKillsThroughCgroupKillAndLeavesNothing() throws Exception {
        TestCgroup cgroup = cgroups.create("kill", CgroupLimits.none().withPidsMax(32));
        List<Path> dirs = new ArrayList<>();
        cgroup.tree().dirs().forEach(d -> dirs.add(d.path()));
        assertThat(cgroup.trackingDirectory().resolve("cgroup.kill")).exists();
        Process parent = RealCgroups.startIn(cgroup, "sleep 60 & sleep 60 & while :; do sleep 0.05 & done");
        CgroupsRealKernelTest.awaitPids(cgroup, 3);

        cgroup.close();

        assertThat(RealCgroups.existing(dirs)).isEmpty();
        assertThat(parent.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
