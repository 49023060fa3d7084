package io.github.nsunit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helper: what the host (the parent's side of every namespace) sees, for comparison with a child. */
final class Host {
    private Host() {
    }

    /** {@code net:[4026531840]}: the namespace of kind {@code kind} this JVM is in. */
    static String namespace(String kind) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hostname() {
        return read(Path.of("/proc/sys/kernel/hostname")).strip();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end and returns its stdout; fails on a non-zero exit status. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The command lines of host processes matching {@code marker}, once they have had {@code within} to go. */
    static List<String> processesMatching(String marker, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> found;
        do {
            Process pgrep = new ProcessBuilder("pgrep", "-a", "-f", marker).start();
            found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            pgrep.waitFor();
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    /** Kills what a failing test may have left running under {@code marker}. */
    static void killMatching(String marker) throws Exception {
        new ProcessBuilder("pkill", "-KILL", "-f", marker).start().waitFor();
    }

    /**
     * The test cgroups (leaves) below this JVM's nsunit run directories, in every hierarchy: none may remain
     * after a test, while the run directories themselves stay until the JVM exits.
     */
    static List<Path> nsunitLeafCgroups() throws IOException {
        List<Path> leaves = new ArrayList<>();
        String prefix = "nsunit-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies.filter(Files::isDirectory).toList()) {
                try (Stream<Path> runs = Files.list(hierarchy)) {
                    for (Path run : runs.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                        try (Stream<Path> children = Files.list(run)) {
                            children.filter(Files::isDirectory).forEach(leaves::add);
                        }
                    }
                }
            }
        }
        return leaves;
    }

    /** {@code /sys/fs/cgroup/memory/nsunit-.../Demo.leaks-3}: the directories of a child's {@code /proc/self/cgroup}. */
    static List<Path> cgroupDirectories(String procSelfCgroup) {
        List<Path> dirs = new ArrayList<>();
        for (String line : procSelfCgroup.split("\n")) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && parts[2].contains("nsunit-")) {
                String hierarchy = parts[1].isEmpty() ? "unified" : parts[1].replace("name=", "");
                dirs.add(Path.of("/sys/fs/cgroup", hierarchy.split(",")[0]).resolve(parts[2].substring(1)));
            }
        }
        return dirs;
    }

    /**
     * Copies this JVM's class path to {@code dir}, readable by every user: the Maven repository under /root
     * (mode 700) is not. Returns the copy's class path; the caller deletes {@code dir}.
     */
    static String copyClassPath(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> copied = new ArrayList<>();
        String[] classPath = System.getProperty("java.class.path").split(File.pathSeparator);
        for (int i = 0; i < classPath.length; i++) {
            Path source = Path.of(classPath[i]);
            if (classPath[i].isEmpty() || !Files.exists(source)) {
                continue;
            }
            Path target = dir.resolve(i + "-" + source.getFileName());
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Files.copy(path, target.resolve(source.relativize(path).toString()));
                }
            }
            copied.add(target.toString());
        }
        return String.join(File.pathSeparator, copied);
    }

    /** Skips unless this is a pure cgroup v2 host with the memory controller, as in the v2 VM. */
    static void assumeCgroupV2Memory() throws IOException {
        Path controllers = Path.of("/sys/fs/cgroup/cgroup.controllers");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.exists(controllers) && Files.readString(controllers).contains("memory"),
                "needs a pure cgroup v2 host with the memory controller: run extension/src/test/v2vm/run-engine-v2-tests");
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
