package io.github.nsunit.internal.api;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.Cgroups;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The cgroups of this JVM's programmatic runs, opened on the first run that asks for a limit. There is no JUnit
 * context here, so the base comes from the system property {@value NsunitProperties#CGROUP_BASE}.
 */
final class ApiCgroups {
    private static Cgroups cgroups;

    private ApiCgroups() {
    }

    static synchronized Cgroups get() {
        if (cgroups == null) {
            Optional<Path> base = Optional.ofNullable(System.getProperty(NsunitProperties.CGROUP_BASE))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of);
            cgroups = Cgroups.open(base);
        }
        return cgroups;
    }
}
