package io.github.nsunit.internal.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A per-child directory readable only by the invoking user (mode 700), for the channel FIFO. It lives in
 * {@code /dev/shm} where there is one, so that it stays visible to a child that gets a private {@code /tmp};
 * its name carries the parent's pid, so directories left by a parent that was killed are removed by the next run.
 */
final class PrivateDirectory {
    private static final String PREFIX = "nsunit-";
    private static final Path BASE = chooseBase();

    static {
        removeLeftovers();
    }

    private PrivateDirectory() {
    }

    static Path create() throws IOException {
        // createTempDirectory gives rwx------ on POSIX file systems
        return Files.createTempDirectory(BASE, PREFIX + ProcessHandle.current().pid() + "-");
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException alreadyGone) {
            // nothing left to delete
        }
    }

    private static Path chooseBase() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Deletes directories of ours whose parent JVM is gone (killed before it could clean up). */
    private static void removeLeftovers() {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(BASE, PREFIX + "*")) {
            for (Path dir : dirs) {
                ownerPid(dir).filter(pid -> ProcessHandle.of(pid).isEmpty()).ifPresent(pid -> delete(dir));
            }
        } catch (IOException | RuntimeException unreadable) {
            // another user's directory, or a race with another run: not ours to remove
        }
    }

    private static java.util.Optional<Long> ownerPid(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        try {
            return parts.length >= 3 && Files.isWritable(dir) ? java.util.Optional.of(Long.parseLong(parts[1]))
                    : java.util.Optional.empty();
        } catch (NumberFormatException notOurs) {
            return java.util.Optional.empty();
        }
    }
}
