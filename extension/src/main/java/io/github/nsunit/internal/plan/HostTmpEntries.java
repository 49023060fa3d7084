package io.github.nsunit.internal.plan;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a child JVM needs from the host's {@code /tmp} to start when it gets a fresh, empty one: the names directly
 * under {@code /tmp} of its class path and module path entries, the JDK and the working directory (a build that
 * runs under {@code /tmp}, as CI checkouts sometimes do). They are bind-mounted into the fresh {@code /tmp}.
 */
final class HostTmpEntries {
    private static final Path TMP = Path.of("/tmp");

    private HostTmpEntries() {
    }

    static List<String> neededByChild() {
        List<String> paths = new ArrayList<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                paths.add(entry);
            }
        }
        paths.add(System.getProperty("java.home"));
        paths.add(System.getProperty("user.dir"));
        Set<String> names = new LinkedHashSet<>();
        for (String path : paths) {
            if (path == null || path.isEmpty()) {
                continue;
            }
            Path normalized = Path.of(path).toAbsolutePath().normalize();
            if (normalized.startsWith(TMP) && normalized.getNameCount() > TMP.getNameCount()) {
                names.add(normalized.getName(TMP.getNameCount()).toString());
            }
        }
        return List.copyOf(names);
    }
}
