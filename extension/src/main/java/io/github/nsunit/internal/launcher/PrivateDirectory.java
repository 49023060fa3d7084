package io.github.nsunit.internal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A per-child directory readable only by the invoking user (mode 700), for the channel FIFO. */
final class PrivateDirectory {
    private PrivateDirectory() {
    }

    static Path create() throws IOException {
        // createTempDirectory gives rwx------ on POSIX file systems
        return Files.createTempDirectory("nsunit-");
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException alreadyGone) {
            // nothing left to delete
        }
    }
}
