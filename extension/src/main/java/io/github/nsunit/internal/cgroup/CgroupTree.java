package io.github.nsunit.internal.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One logical cgroup spread over several hierarchies (one directory in each), with everything beneath it:
 * kills its processes, tells whether any are left, and removes its directories deepest first.
 */
final class CgroupTree {

    private static final long POLL_MILLIS = 10;

    private final List<CgroupDir> dirs;

    CgroupTree(List<CgroupDir> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    List<CgroupDir> dirs() {
        return dirs;
    }

    /**
     * Kills every process in the tree. v2's {@code cgroup.kill} does it atomically, forks included; without it
     * the v1 freezer stops forks while each pid gets SIGKILL, and without that this repeats until the tree is
     * empty or {@code timeout} has passed.
     */
    void killAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (!killOnce()) {
                return;
            }
            sleep();
        } while (System.nanoTime() < deadline);
    }

    /** Sends the kill; returns false when nothing was left to kill. */
    private boolean killOnce() {
        List<Long> pids = pids();
        if (pids.isEmpty() && !populatedByEvents()) {
            return false;
        }
        for (CgroupDir dir : dirs) {
            Path kill = dir.path().resolve("cgroup.kill");
            if (dir.mount().isV2() && Files.exists(kill)) {
                writeIgnoringGone(kill, "1");
                return true;
            }
        }
        List<CgroupDir> freezers = dirs.stream().filter(d -> d.mount().carries(Controller.FREEZER))
                .collect(Collectors.toList());
        freezers.forEach(d -> writeIgnoringGone(d.path().resolve("freezer.state"), "FROZEN"));
        try {
            long self = ProcessHandle.current().pid();
            // Re-read under the freezer: the list taken before freezing may have missed a fresh fork.
            pids().stream().filter(pid -> pid != self)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } finally {
            // SIGKILL is delivered to frozen tasks only once they thaw.
            freezers.forEach(d -> writeIgnoringGone(d.path().resolve("freezer.state"), "THAWED"));
        }
        return true;
    }

    /** True while any process lives in any directory of the tree. */
    boolean isPopulated() {
        return populatedByEvents() || !pids().isEmpty();
    }

    /** v2's {@code cgroup.events} counts descendants and zombies-in-exit too, so it is the authority where it exists. */
    private boolean populatedByEvents() {
        for (CgroupDir dir : dirs) {
            Path events = dir.path().resolve("cgroup.events");
            if (dir.mount().isV2() && Files.exists(events)) {
                try {
                    if (CgroupFiles.readKeyed(events, "populated").orElse(0) != 0) {
                        return true;
                    }
                } catch (CgroupUnavailableException e) {
                    // Removed between the check and the read: nothing lives there.
                }
            }
        }
        return false;
    }

    /** Every pid in every {@code cgroup.procs} of the tree, each once. */
    List<Long> pids() {
        Set<Long> pids = new LinkedHashSet<>();
        for (CgroupDir dir : dirs) {
            for (Path sub : subdirectoriesDeepestFirst(dir.path())) {
                pids.addAll(CgroupFiles.readPids(sub.resolve("cgroup.procs")));
            }
        }
        return new ArrayList<>(pids);
    }

    /** Waits up to {@code timeout} for the tree to empty; returns whether it did. */
    boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isPopulated()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep();
        }
        return true;
    }

    /**
     * Removes every directory of the tree, deepest first (a test running as root may have made its own
     * children). Directories already gone are fine; the others are reported, not thrown, so one stuck
     * hierarchy does not keep the rest.
     */
    List<String> remove() {
        List<String> failures = new ArrayList<>();
        for (CgroupDir dir : dirs) {
            for (Path sub : subdirectoriesDeepestFirst(dir.path())) {
                try {
                    Files.deleteIfExists(sub);
                } catch (DirectoryNotEmptyException e) {
                    failures.add(sub + ": still has child cgroups");
                } catch (IOException e) {
                    failures.add(sub + ": " + CgroupFiles.describe(e));
                }
            }
        }
        return failures;
    }

    /** Kill, wait, remove; throws only if something could not be removed. */
    void destroy(Duration timeout) {
        destroy(timeout, Optional.empty());
    }

    /**
     * Kill, wait, remove, and hand what this process could not remove to {@code access} (under sudo, the run
     * directories whose parent belongs to root); throws only if something is still left.
     */
    void destroy(Duration timeout, Optional<CgroupAccess> access) {
        killAll(timeout);
        boolean empty = awaitEmpty(timeout);
        List<String> failures = remove();
        if (!failures.isEmpty() && access.isPresent()) {
            List<Path> left = dirs.stream().flatMap(dir -> subdirectoriesDeepestFirst(dir.path()).stream())
                    .collect(Collectors.toList());
            try {
                access.get().removeLeftOver(left);
                failures = remove();
            } catch (CgroupUnavailableException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CgroupUnavailableException("Could not remove cgroup directories"
                    + (empty ? "" : " (processes still inside after " + timeout.toMillis() + " ms: " + pids() + ")")
                    + ": " + String.join("; ", failures)
                    + ". Remove them by hand with rmdir once their processes are gone.");
        }
    }

    static List<Path> subdirectoriesDeepestFirst(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (UncheckedIOException e) {
            // A directory vanished during the walk (a concurrent rmdir): walk again.
            return Files.exists(root) ? subdirectoriesDeepestFirst(root) : List.of();
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not list the cgroup directory " + root + ": "
                    + CgroupFiles.describe(e), e);
        }
    }

    private static void writeIgnoringGone(Path file, String value) {
        if (Files.exists(file.getParent())) {
            try {
                Files.write(file, value.getBytes(), java.nio.file.StandardOpenOption.WRITE);
            } catch (IOException e) {
                if (Files.exists(file.getParent())) {
                    throw new CgroupUnavailableException("Could not write \"" + value + "\" to " + file
                            + " to kill the processes in the cgroup: " + CgroupFiles.describe(e), e);
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            // Clean-up matters more than promptness: keep the flag for the caller and finish the bounded wait.
            Thread.currentThread().interrupt();
        }
    }
}
