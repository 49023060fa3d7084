package io.github.nsunit.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to get into a held child: the {@code nsenter} options for exactly the namespaces it does not share with
 * this JVM (compared through {@code /proc/<pid>/ns}), and the nsunit cgroups it is in.
 */
final class DebugEntry {
    /** {@code /proc/<pid>/ns} entry names and the nsenter option for each, in nsenter's own order. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("user", "--user");
        OPTIONS.put("mnt", "--mount");
        OPTIONS.put("uts", "--uts");
        OPTIONS.put("ipc", "--ipc");
        OPTIONS.put("net", "--net");
        OPTIONS.put("pid", "--pid");
        OPTIONS.put("cgroup", "--cgroup");
        OPTIONS.put("time", "--time");
    }

    private DebugEntry() {
    }

    /** The nsenter options for the namespaces {@code pid} does not share with this JVM; empty if none. */
    static List<String> nsenterOptions(long pid) {
        List<String> options = new ArrayList<>();
        OPTIONS.forEach((name, option) -> {
            String theirs = link(Path.of("/proc", String.valueOf(pid), "ns", name));
            String ours = link(Path.of("/proc/self/ns", name));
            if (theirs != null && !Objects.equals(theirs, ours)) {
                options.add(option);
            }
        });
        return options;
    }

    /** The lines of {@code /proc/<pid>/cgroup} that name a cgroup of nsunit's, as paths under /sys/fs/cgroup. */
    static List<String> nsunitCgroups(long pid) {
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && parts[2].contains("nsunit-")) {
                    String hierarchy = parts[1].isEmpty() ? "unified" : parts[1].replace("name=", "");
                    found.add(hierarchy + ":" + parts[2]);
                }
            }
        } catch (IOException gone) {
            // the child is gone already
        }
        return found;
    }

    private static String link(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException | UnsupportedOperationException absent) {
            return null;
        }
    }
}
