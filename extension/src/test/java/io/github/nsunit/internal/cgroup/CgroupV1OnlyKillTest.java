package io.github.nsunit.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pure v1 host (no v2 hierarchy, so no {@code cgroup.kill}), seen by hiding this machine's v2 mount from
 * the layout: tracking falls back to the v1 pids hierarchy and killing to freezer plus SIGKILL.
 */
class CgroupV1OnlyKillTest {

    private Cgroups cgroups;

    @BeforeEach
    void openWithoutV2() throws Exception {
        RealCgroups.assumeRoot();
        String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
        assumeTrue(mountinfo.contains(" - cgroup cgroup "), "needs v1 hierarchies (the build machine has them)");
        String v1Only = mountinfo.lines().filter(l -> !l.contains(" - cgroup2 ")).collect(Collectors.joining("\n"));
        CgroupLayout layout = CgroupLayout.parse(v1Only, Files.readString(Path.of("/proc/self/cgroup")));
        assumeTrue(layout.mountFor(Controller.PIDS).isPresent() && layout.mountFor(Controller.FREEZER).isPresent());
        cgroups = Cgroups.open(layout, Optional.empty());
    }

    @AfterEach
    void close() {
        if (cgroups != null) {
            List<Path> runs = cgroups.runDirectories();
            cgroups.close();
            assertThat(RealCgroups.existing(runs)).isEmpty();
        }
    }

    @Test
    void tracksThroughPidsAndKillsAForkingTreeUnderTheFreezer() throws Exception {
        TestCgroup cgroup = cgroups.create("v1-only", CgroupLimits.none().withPidsMax(64));
        List<Path> dirs = new ArrayList<>();
        cgroup.tree().dirs().forEach(d -> dirs.add(d.path()));
        assertThat(cgroup.trackingDirectory().startsWith(Path.of("/sys/fs/cgroup/pids"))).isTrue();
        assertThat(cgroup.directory(Controller.FREEZER)).isPresent();
        // Keeps forking short-lived children while being killed.
        Process forker = RealCgroups.startIn(cgroup, "sleep 60 & sleep 60 & while :; do sleep 0.01 & done");
        CgroupsRealKernelTest.awaitPids(cgroup, 3);

        cgroup.killAll();

        assertThat(cgroup.isPopulated()).isFalse();
        assertThat(forker.waitFor(5, TimeUnit.SECONDS)).isTrue();
        cgroup.close();
        assertThat(RealCgroups.existing(dirs)).isEmpty();
    }
}
