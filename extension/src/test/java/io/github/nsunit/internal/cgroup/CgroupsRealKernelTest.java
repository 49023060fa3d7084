package io.github.nsunit.internal.cgroup;

import static io.github.nsunit.internal.cgroup.RealCgroups.runIn;
import static io.github.nsunit.internal.cgroup.RealCgroups.startIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nsunit.internal.cgroup.RealCgroups.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits, figures, killing and clean-up against the real kernel, whichever cgroup version it offers
 * (v1/hybrid on the build machine, pure v2 in the v2 VM suite).
 */
class CgroupsRealKernelTest {

    private static final long MIB = 1024 * 1024;

    private Cgroups cgroups;

    @BeforeEach
    void open() {
        RealCgroups.assumeRoot();
        cgroups = Cgroups.open(Optional.empty());
    }

    @AfterEach
    void close() {
        RealCgroups.closeLeavingNothing(cgroups);
    }

    @Test
    void processOverTheMemoryLimitIsKilledAndCounted() throws Exception {
        try (TestCgroup cgroup = cgroups.create("over", CgroupLimits.none().withMemoryBytes(32 * MIB))) {
            // tail keeps the newline-free "last line" of 200 MiB of zeros in memory.
            Result result = runIn(cgroup, "head -c 200M /dev/zero | tail -n 1 >/dev/null", 30);

            CgroupStats stats = cgroup.stats();
            assertThat(result.exitCode()).as(result.output()).isEqualTo(137);
            assertThat(stats.oomKills()).hasValue(1);
            assertThat(stats.memoryLimitBytes()).hasValue(32 * MIB);
            assertThat(stats.memoryPeakBytes().orElse(32 * MIB)).isLessThanOrEqualTo(32 * MIB);
        }
    }

    @Test
    void processUnderTheMemoryLimitPassesAndItsPeakIsReported() throws Exception {
        try (TestCgroup cgroup = cgroups.create("under", CgroupLimits.none().withMemoryBytes(64 * MIB))) {
            Result result = runIn(cgroup, "head -c 20M /dev/zero | tail -n 1 >/dev/null", 30);

            CgroupStats stats = cgroup.stats();
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(stats.oomKills()).hasValue(0);
            if (stats.memoryPeakBytes().isPresent()) { // absent only on v2 before Linux 5.19
                assertThat(stats.memoryPeakBytes().getAsLong()).isBetween(20 * MIB, 64 * MIB);
            }
        }
    }

    @Test
    void aJvmBornInTheCgroupSizesItsHeapFromTheLimit() throws Exception {
        try (TestCgroup cgroup = cgroups.create("jvm", CgroupLimits.none().withMemoryBytes(64 * MIB))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Result result = runIn(cgroup, List.of(java, "-XX:+PrintFlagsFinal", "-version"), 120);

            assertThat(result.exitCode()).as(result.output()).isZero();
            long maxHeap = result.output().lines().filter(l -> l.contains(" MaxHeapSize "))
                    .map(l -> Long.parseLong(l.trim().split("\\s+")[3])).findFirst().orElseThrow();
            assertThat(maxHeap).isBetween(28 * MIB, 34 * MIB);
        }
    }

    @Test
    void memoryLimitCanBeSetAfterStart() throws Exception {
        try (TestCgroup cgroup = cgroups.create("later", CgroupLimits.none())) {
            Process sleeper = startIn(cgroup, "exec sleep 60");
            try {
                awaitPopulated(cgroup);
                assertThat(cgroup.stats().memoryLimitBytes()).isEmpty();
                long current = cgroup.memoryCurrent();

                cgroup.setMemoryLimit(current + 16 * MIB);

                assertThat(cgroup.stats().memoryLimitBytes()).hasValue(roundToPages(current + 16 * MIB));
                cgroup.setMemoryLimit(current + 48 * MIB); // raising must work too (v1 orders memsw first)
                assertThat(cgroup.stats().memoryLimitBytes()).hasValue(roundToPages(current + 48 * MIB));
            } finally {
                sleeper.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void pidsLimitStopsAForkBomb() throws Exception {
        try (TestCgroup cgroup = cgroups.create("bomb", CgroupLimits.none().withPidsMax(16))) {
            // Bounded "bomb": 64 background sleepers, of which at most 16 processes may exist at once.
            Process bomb = startIn(cgroup, "i=0; while [ $i -lt 64 ]; do sleep 30 & i=$((i+1)); done; echo started");
            try {
                assertThat(bomb.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(cgroup.tree().pids().size()).isLessThanOrEqualTo(16);
                assertThat(cgroup.stats().pidsLimitHits().orElseThrow()).isPositive();
            } finally {
                bomb.destroyForcibly();
            }
        }
    }

    @Test
    void cpuQuotaThrottlesABusyLoop() throws Exception {
        // A tenth of a core: the loop exhausts that quota in every period even on a loaded machine (at 0.5 cores
        // a busy build machine gave it less than its quota and the kernel never had to throttle it).
        try (TestCgroup cgroup = cgroups.create("busy", CgroupLimits.none().withCpuCores(0.1))) {
            long start = System.nanoTime();
            Process busy = startIn(cgroup, "while :; do :; done");
            try {
                Thread.sleep(1000);
            } finally {
                cgroup.killAll();
                busy.waitFor(5, TimeUnit.SECONDS);
            }
            long wall = System.nanoTime() - start;
            CgroupStats stats = cgroup.stats();

            // A loaded build machine may give the loop less than its quota, never more: at most a tenth of the
            // wall time plus one 100 ms period of slack; and the kernel must have throttled it.
            assertThat(stats.cpuUsageNanos().orElseThrow()).isBetween(20_000_000L, wall / 10 + 100_000_000L);
            assertThat(stats.cpuThrottledPeriods().orElseThrow()).isPositive();
        }
    }

    @Test
    void killAllEmptiesACgroupWithSeveralProcesses() throws Exception {
        try (TestCgroup cgroup = cgroups.create("several", CgroupLimits.none())) {
            Process parent = startIn(cgroup, "sleep 60 & sleep 60 & (sleep 60 & wait) & wait");
            awaitPids(cgroup, 5);

            cgroup.killAll();

            assertThat(cgroup.isPopulated()).isFalse();
            assertThat(cgroup.tree().pids()).isEmpty();
            assertThat(parent.waitFor(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeKillsWhatIsLeftAndRemovesEveryDirectory() throws Exception {
        TestCgroup cgroup = cgroups.create("close", CgroupLimits.none().withMemoryBytes(64 * MIB).withPidsMax(32));
        List<Path> dirs = new ArrayList<>();
        cgroup.tree().dirs().forEach(d -> dirs.add(d.path()));
        Process sleeper = startIn(cgroup, "sleep 60 & exec sleep 60");
        awaitPids(cgroup, 2);

        cgroup.close();
        cgroup.close(); // idempotent

        assertThat(RealCgroups.existing(dirs)).isEmpty();
        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cgroups.runDirectories()).allSatisfy(run -> assertThat(run).exists());
    }

    @Test
    void theChildIsBornInEveryLeaf() throws Exception {
        try (TestCgroup cgroup = cgroups.create("born", CgroupLimits.none().withMemoryBytes(64 * MIB))) {
            Result result = runIn(cgroup, "cat /proc/self/cgroup", 30);

            assertThat(result.exitCode()).isZero();
            assertThat(cgroup.procsFiles()).hasSizeGreaterThanOrEqualTo(1);
            for (CgroupDir dir : cgroup.tree().dirs()) {
                String relative = "/" + dir.mount().mountPoint().relativize(dir.path());
                assertThat(result.output()).contains(":" + relative + "\n");
            }
        }
    }

    @Test
    void runDirectoryIsNamedAfterTheRunAndNotBeneathThisJvmsCgroup() {
        try (TestCgroup cgroup = cgroups.create("where", CgroupLimits.none())) {
            CgroupLayout layout = CgroupLayout.ofThisProcess();
            for (CgroupDir dir : cgroup.tree().dirs()) {
                Path run = dir.path().getParent();
                assertThat(run.getFileName().toString())
                        .startsWith("nsunit-" + ProcessHandle.current().pid() + "-");
                assertThat(run.getParent()).isEqualTo(dir.mount().mountPoint());
                Path own = layout.ownCgroup(dir.mount()).orElseThrow();
                if (!own.equals(dir.mount().mountPoint())) {
                    assertThat(dir.path().startsWith(own)).as(dir.path() + " beneath own cgroup " + own).isFalse();
                }
            }
        }
    }

    @Test
    void aBaseOutsideEveryCgroupFilesystemIsRefusedWithTheRemedy() {
        assertThatThrownBy(() -> Cgroups.open(Optional.of(Path.of("/tmp/nsunit-not-a-cgroup"))))
                .isInstanceOf(CgroupUnavailableException.class)
                .hasMessageContaining("/tmp/nsunit-not-a-cgroup")
                .hasMessageContaining("not inside a mounted cgroup filesystem")
                .hasMessageContaining("nsunit.cgroup.base");
    }

    @Test
    void aMissingBaseDirectoryIsRefusedWithTheRemedy() {
        try (Cgroups withBase = Cgroups.open(Optional.of(Path.of("nsunit-missing-base")))) {
            assertThatThrownBy(() -> withBase.create("x", CgroupLimits.none()))
                    .isInstanceOf(CgroupUnavailableException.class)
                    .hasMessageContaining("nsunit-missing-base")
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("mkdir");
            assertThat(withBase.runDirectories()).isEmpty();
        }
    }

    @Test
    void aConfiguredBaseHoldsTheRunDirectories() throws Exception {
        List<Path> bases = new ArrayList<>();
        CgroupLayout layout = CgroupLayout.ofThisProcess();
        try {
            for (CgroupMount mount : layout.mounts()) {
                Path base = mount.mountPoint().resolve("nsunit-test-base");
                Files.createDirectory(base);
                bases.add(base);
            }
            try (Cgroups withBase = Cgroups.open(Optional.of(Path.of("nsunit-test-base")));
                    TestCgroup cgroup = withBase.create("based", CgroupLimits.none().withMemoryBytes(64 * MIB))) {
                assertThat(cgroup.tree().dirs())
                        .allSatisfy(d -> assertThat(d.path().getParent().getParent().getFileName())
                                .hasToString("nsunit-test-base"));
                assertThat(runIn(cgroup, "true", 30).exitCode()).isZero();
            }
        } finally {
            for (Path base : bases) {
                Files.deleteIfExists(base);
            }
        }
    }

    @Test
    void joiningAnUnwritableCgroupFailsTheStageWithItsOwnExitCode() throws Exception {
        Process join = new ProcessBuilder(new CgroupJoinStage(List.of(Path.of("/proc/nsunit-no-such/cgroup.procs")))
                .wrap(List.of("echo", "must not run"))).redirectErrorStream(true).start();
        String output = new String(join.getInputStream().readAllBytes());

        assertThat(join.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(join.exitValue()).isEqualTo(CgroupJoinStage.JOIN_FAILED);
        assertThat(output).contains("/proc/nsunit-no-such/cgroup.procs").doesNotContain("must not run");
    }

    static void awaitPopulated(TestCgroup cgroup) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cgroup.isPopulated()) {
            assertThat(System.nanoTime()).as("cgroup populated within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    static void awaitPids(TestCgroup cgroup, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cgroup.tree().pids().size() < count) {
            assertThat(System.nanoTime()).as(count + " processes within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static long roundToPages(long bytes) {
        return bytes / 4096 * 4096;
    }
}
