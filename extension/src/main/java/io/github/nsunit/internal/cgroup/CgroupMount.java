package io.github.nsunit.internal.cgroup;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mounted cgroup hierarchy: where it is, which version it speaks and which controllers it carries.
 *
 * @param mountPoint where the hierarchy is mounted, e.g. {@code /sys/fs/cgroup/memory}
 * @param mountRoot the cgroup shown at the mount point ({@code /} unless a container bind-mounted a subtree)
 * @param version v1 (one hierarchy per controller group) or v2 (the unified hierarchy)
 * @param controllers kernel names of the controllers usable here (v2: the root's {@code cgroup.controllers})
 */
record CgroupMount(Path mountPoint, String mountRoot, CgroupVersion version, Set<String> controllers) {

    boolean carries(Controller controller) {
        return controllers.contains(controller.kernelName());
    }

    boolean isV2() {
        return version == CgroupVersion.V2;
    }

    @Override
    public String toString() {
        return mountPoint + " (cgroup " + version.name().toLowerCase() + ", controllers " + controllers + ")";
    }
}
