package io.github.nsunit.internal.launcher;

import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.TestCgroup;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cgroup without limits for a child that asks for none, so that everything it starts, also what detaches
 * itself from its process tree (setsid, a double fork), is killed with it, and what a killed parent left is
 * removed by the next run. Only where nsunit may create cgroups without sudo (root, a delegated cgroup v2
 * subtree, a configured base): nobody asked for limits, so nobody expects sudo. Elsewhere the child goes
 * without: once refused, not asked again.
 */
public final class TrackingCgroups {
    private static volatile boolean refused;
    private final Supplier<Cgroups> cgroups;

    public TrackingCgroups(Supplier<Cgroups> cgroups) {
        this.cgroups = cgroups;
    }

    Optional<TestCgroup> create(String label) {
        if (refused) {
            return Optional.empty();
        }
        try {
            Optional<TestCgroup> cgroup = cgroups.get().createWithoutSudo(label);
            refused = cgroup.isEmpty();
            return cgroup;
        } catch (CgroupUnavailableException | IllegalStateException e) {
            refused = true;
            return Optional.empty();
        }
    }
}
