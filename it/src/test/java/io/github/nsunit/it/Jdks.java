package io.github.nsunit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Other JDKs installed on this machine, for the builds that run Maven on another Java release. */
final class Jdks {
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private Jdks() {
    }

    /**
     * The home of a JDK of that feature release under /usr/lib/jvm (Debian's and Temurin's packages, e.g.
     * temurin-25-jdk-amd64 or java-21-openjdk-amd64), or a path that does not exist when there is none.
     */
    static Path home(int feature) {
        if (!Files.isDirectory(JVM_DIRECTORY)) {
            return JVM_DIRECTORY.resolve("no-jdk-" + feature);
        }
        try (Stream<Path> homes = Files.list(JVM_DIRECTORY)) {
            return homes.filter(home -> home.getFileName().toString().matches("(temurin|java)-" + feature + "-.*"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/javac")))
                    .sorted().findFirst().orElse(JVM_DIRECTORY.resolve("no-jdk-" + feature));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + JVM_DIRECTORY, e);
        }
    }
}
