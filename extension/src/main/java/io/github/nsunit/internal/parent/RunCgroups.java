package io.github.nsunit.internal.parent;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.Cgroups;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The run's cgroups, opened on the first test that asks for a limit and shared by every test of this JVM
 * ({@link Cgroups} removes its run directories in a shutdown hook, and the next run removes what a killed run
 * left).
 */
final class RunCgroups {
    private static Cgroups cgroups;

    private RunCgroups() {
    }

    static synchronized Cgroups get(ExtensionContext context) {
        if (cgroups == null) {
            Optional<Path> base = context.getConfigurationParameter(NsunitProperties.CGROUP_BASE)
                    .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of);
            cgroups = Cgroups.open(base);
        }
        return cgroups;
    }
}
