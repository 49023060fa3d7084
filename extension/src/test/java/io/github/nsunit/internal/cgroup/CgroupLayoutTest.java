package io.github.nsunit.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection per controller: parsing is checked on mountinfo texts of hybrid and pure v2 hosts (v2 mount
 * points are fake directories holding a {@code cgroup.controllers}), and once on this machine's own files.
 */
class CgroupLayoutTest {

    @TempDir
    Path fakeV2;

    @Test
    void hybridHostHasV1ControllersAndAControllerLessV2Hierarchy() throws Exception {
        Files.writeString(fakeV2.resolve("cgroup.controllers"), "\n");
        String mountinfo = String.join("\n",
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
                "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct",
                "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices",
                "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
                "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd",
                "41 31 0:38 / " + fakeV2 + " rw,relatime - cgroup2 cgroup2 rw",
                "99 31 0:32 / /mnt/again rw,relatime - cgroup cgroup rw,memory");
        String self = "4:memory:/process_api/abc\n1:cpu:/\n0::/\n";

        CgroupLayout layout = CgroupLayout.parse(mountinfo, self);

        assertThat(layout.mountFor(Controller.MEMORY).orElseThrow().mountPoint()).isEqualTo(Path.of("/sys/fs/cgroup/memory"));
        assertThat(layout.mountFor(Controller.MEMORY).orElseThrow().isV2()).isFalse();
        assertThat(layout.mountFor(Controller.CPUACCT).orElseThrow().mountPoint()).isEqualTo(Path.of("/sys/fs/cgroup/cpuacct"));
        assertThat(layout.mountFor(Controller.FREEZER)).isEmpty();
        assertThat(layout.unified().orElseThrow().mountPoint()).isEqualTo(fakeV2);
        assertThat(layout.unified().orElseThrow().controllers()).isEmpty();
        assertThat(layout.isPureV2()).isFalse();
        assertThat(layout.mounts()).hasSize(5); // devices and name=systemd carry nothing nsunit uses; /mnt/again is a repeat
        assertThat(layout.ownCgroup(layout.mountFor(Controller.MEMORY).orElseThrow()))
                .contains(Path.of("/sys/fs/cgroup/memory/process_api/abc"));
        assertThat(layout.ownCgroup(layout.unified().orElseThrow())).contains(fakeV2);
    }

    @Test
    void pureV2HostHasEveryControllerInOneHierarchy() throws Exception {
        Files.writeString(fakeV2.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        String mountinfo = "29 23 0:26 / " + fakeV2 + " rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate";

        CgroupLayout layout = CgroupLayout.parse(mountinfo, "0::/user.slice/user-1000.slice/session-2.scope\n");

        assertThat(layout.isPureV2()).isTrue();
        for (Controller c : new Controller[] {Controller.MEMORY, Controller.CPU, Controller.PIDS}) {
            assertThat(layout.mountFor(c).orElseThrow().mountPoint()).isEqualTo(fakeV2);
        }
        assertThat(layout.mountFor(Controller.CPUACCT)).isEmpty();
        assertThat(layout.ownCgroup(layout.unified().orElseThrow()))
                .contains(fakeV2.resolve("user.slice/user-1000.slice/session-2.scope"));
    }

    @Test
    void containerMountRootAndEscapedSpacesAreUnderstood() throws Exception {
        Path withSpace = Files.createDirectory(fakeV2.resolve("a b"));
        Files.writeString(withSpace.resolve("cgroup.controllers"), "memory pids");
        String mountinfo = "29 23 0:26 /docker/123 " + withSpace.toString().replace(" ", "\\040")
                + " rw - cgroup2 cgroup2 rw";

        CgroupLayout layout = CgroupLayout.parse(mountinfo, "0::/docker/123/inner\n");

        CgroupMount mount = layout.unified().orElseThrow();
        assertThat(mount.mountPoint()).isEqualTo(withSpace);
        assertThat(mount.controllers()).containsExactlyInAnyOrder("memory", "pids");
        assertThat(layout.ownCgroup(mount)).contains(withSpace.resolve("inner"));
        assertThat(layout.mountFor(Controller.CPU)).isEmpty();
    }

    @Test
    void thisMachinesLayoutOffersMemoryAndATrackingHierarchy() {
        CgroupLayout layout = CgroupLayout.ofThisProcess();

        CgroupMount memory = layout.mountFor(Controller.MEMORY).orElseThrow();
        assertThat(memory.mountPoint().resolve("cgroup.procs")).isRegularFile();
        assertThat(layout.unified().or(() -> layout.mountFor(Controller.PIDS))).isPresent();
        assertThat(layout.ownCgroup(memory).orElseThrow()).isDirectory();
    }
}
