package io.github.nsunit.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * v2 file handling against a FAKE cgroup v2 leaf (plain files in a temp dir), for the build machine whose
 * memory controller is v1; the real-v2 behaviour is tested in the v2 VM suite ({@code CgroupV2KernelTest}).
 */
class FakeCgroupV2FilesTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path fakeLeaf;

    private TestCgroup cgroup;

    @BeforeEach
    void fakeV2Leaf() throws Exception {
        for (String file : new String[] {"cgroup.procs", "memory.max", "memory.swap.max", "cpu.max", "pids.max"}) {
            Files.writeString(fakeLeaf.resolve(file), "");
        }
        Files.writeString(fakeLeaf.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
        CgroupMount fakeMount = new CgroupMount(fakeLeaf.getParent(), "/", CgroupVersion.V2, Set.of("memory", "cpu", "pids"));
        CgroupDir dir = new CgroupDir(fakeLeaf, fakeMount);
        cgroup = new TestCgroup("fake", Map.of(Controller.MEMORY, dir, Controller.CPU, dir, Controller.PIDS, dir),
                dir, false, () -> { });
    }

    @Test
    void memoryLimitGoesToMemoryMaxAndDisablesSwap() throws Exception {
        cgroup.setMemoryLimit(64 * MIB);

        assertThat(fakeLeaf.resolve("memory.max")).hasContent("67108864");
        assertThat(fakeLeaf.resolve("memory.swap.max")).hasContent("0");
    }

    @Test
    void memoryLimitWithoutSwapAccountingSkipsSwapMax() throws Exception {
        Files.delete(fakeLeaf.resolve("memory.swap.max"));

        cgroup.setMemoryLimit(64 * MIB);

        assertThat(fakeLeaf.resolve("memory.max")).hasContent("67108864");
        assertThat(fakeLeaf.resolve("memory.swap.max")).doesNotExist();
    }

    @Test
    void cpuQuotaAndPidsLimitUseTheV2Files() {
        LimitWriter.cpu(new CgroupDir(fakeLeaf, cgroup.tree().dirs().get(0).mount()), 0.5);
        LimitWriter.pids(new CgroupDir(fakeLeaf, cgroup.tree().dirs().get(0).mount()), 32);

        assertThat(fakeLeaf.resolve("cpu.max")).hasContent("50000 100000");
        assertThat(fakeLeaf.resolve("pids.max")).hasContent("32");
    }

    @Test
    void statsAreReadFromTheV2Files() throws Exception {
        Files.writeString(fakeLeaf.resolve("memory.max"), "67108864\n");
        Files.writeString(fakeLeaf.resolve("memory.peak"), "66977792\n");
        Files.writeString(fakeLeaf.resolve("memory.events"), "low 0\nhigh 0\nmax 57\noom 1\noom_kill 1\noom_group_kill 0\n");
        Files.writeString(fakeLeaf.resolve("cpu.stat"), "usage_usec 1234567\nuser_usec 1000000\nsystem_usec 234567\n"
                + "nr_periods 20\nnr_throttled 9\nthrottled_usec 450000\n");
        Files.writeString(fakeLeaf.resolve("pids.events"), "max 3\n");

        CgroupStats stats = cgroup.stats();

        assertThat(stats.memoryLimitBytes()).hasValue(64 * MIB);
        assertThat(stats.memoryPeakBytes()).hasValue(66977792);
        assertThat(stats.oomKills()).hasValue(1);
        assertThat(stats.cpuUsageNanos()).hasValue(1_234_567_000L);
        assertThat(stats.cpuThrottledPeriods()).hasValue(9);
        assertThat(stats.pidsLimitHits()).hasValue(3);
    }

    @Test
    void unlimitedAndPreKernel519FiguresAreEmpty() throws Exception {
        Files.writeString(fakeLeaf.resolve("memory.max"), "max\n");
        // No memory.peak: Linux before 5.19.

        CgroupStats stats = cgroup.stats();

        assertThat(stats.memoryLimitBytes()).isEmpty();
        assertThat(stats.memoryPeakBytes()).isEmpty();
    }

    @Test
    void populatedComesFromCgroupEvents() throws Exception {
        assertThat(cgroup.isPopulated()).isFalse();

        Files.writeString(fakeLeaf.resolve("cgroup.events"), "populated 1\nfrozen 0\n");

        assertThat(cgroup.isPopulated()).isTrue();
    }
}
