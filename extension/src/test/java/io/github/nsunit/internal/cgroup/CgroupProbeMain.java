package io.github.nsunit.internal.cgroup;

import java.util.Optional;

/** Tries to make a limited test cgroup and prints the outcome; run as another user by {@link UnprivilegedCgroupTest}. */
public final class CgroupProbeMain {

    private CgroupProbeMain() {
    }

    public static void main(String[] args) {
        try (Cgroups cgroups = Cgroups.open(Optional.empty());
                TestCgroup cgroup = cgroups.create("probe", CgroupLimits.none().withMemoryBytes(64L << 20))) {
            System.out.println("CREATED " + cgroup);
        } catch (CgroupUnavailableException e) {
            System.out.println("UNAVAILABLE " + e.getMessage());
        }
    }
}
