package io.github.nsunit.internal.cgroup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * This JVM's cgroups, opened on the first child that needs one and shared by every isolated test and programmatic
 * run of the JVM ({@link Cgroups} removes its run directories in a shutdown hook, and the next run removes what a
 * killed run left). The first caller's base wins.
 */
public final class JvmCgroups {
    private static Cgroups cgroups;

    private JvmCgroups() {
    }

    /** @param base the configured {@code nsunit.cgroup.base}, if any (blank means none) */
    public static synchronized Cgroups get(Optional<String> base) {
        if (cgroups == null) {
            cgroups = Cgroups.open(base.map(String::strip).filter(s -> !s.isEmpty()).map(Path::of));
        }
        return cgroups;
    }
}
