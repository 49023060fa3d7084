package io.github.nsunit.internal.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Run directories left by test runs whose JVM died (crashed or killed): found by their name, which says which
 * process owned them, and removed with everything in them when a new run makes its own directory beside them.
 */
final class StaleRuns {
    private static final System.Logger LOG = System.getLogger(StaleRuns.class.getName());

    private StaleRuns() {
    }

    /** Kills and removes run directories in {@code baseDir} whose owning JVM is gone (crashed or killed). */
    static void remove(Path baseDir, CgroupMount mount, CgroupAccess access) {
        List<Path> stale;
        try (Stream<Path> children = Files.list(baseDir)) {
            stale = children.filter(Files::isDirectory)
                    .filter(p -> RunDirectoryName.parse(p.getFileName().toString())
                            .map(RunDirectoryName::provablyDead).orElse(false))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "nsunit: could not list " + baseDir + " to find stale cgroups: "
                    + CgroupFiles.describe(e));
            return;
        }
        for (Path dir : stale) {
            try {
                new CgroupTree(List.of(new CgroupDir(dir, mount))).destroy(TestCgroup.KILL_TIMEOUT, Optional.of(access));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "nsunit: could not remove the stale cgroup " + dir
                        + " of a dead test run: " + e.getMessage());
            }
        }
    }
}
