package io.github.nsunit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class path of 1,000 jars (about 150 KiB, longer than the kernel allows one argument to be, as Gradle and
 * big Maven builds make) reaches the child whole, through an argument file that goes with the child.
 */
class LongClassPathTests {
    static final String LAST_JAR = "nsunit.test.last-jar";
    static final String JAR_DIRECTORY = "nsunit.test.jar-directory";

    @Test
    void aClassPathOfAThousandJarsReachesTheChildWhole() throws IOException {
        Path directory = Files.createTempDirectory("nsunit-long-class-path-");
        String original = System.getProperty("java.class.path");
        try {
            List<String> jars = new ArrayList<>();
            for (int i = 1; i <= 1000; i++) {
                Path jar = directory.resolve("a-dependency-with-a-name-as-long-as-real-ones-have-"
                        + "group-artifact-version-1.2.3-" + String.format("%04d", i) + ".jar");
                emptyJar(jar);
                jars.add(jar.toString());
            }
            String longClassPath = original + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, jars);
            assertThat(longClassPath.length()).as("longer than one execve argument may be").isGreaterThan(128 * 1024);
            System.setProperty("java.class.path", longClassPath);
            System.setProperty(LAST_JAR, jars.get(jars.size() - 1));
            System.setProperty(JAR_DIRECTORY, directory.toString());

            List<Path> before = privateDirectories();
            EngineRun run = EngineRun.of(ClassPathTestCase.class);

            FaultTests.assertPassed(run, "seesTheWholeClassPath");
            assertThat(privateDirectories()).as("the argument file goes with the child's private directory")
                    .containsExactlyInAnyOrderElementsOf(before);
        } finally {
            System.setProperty("java.class.path", original);
            System.clearProperty(LAST_JAR);
            System.clearProperty(JAR_DIRECTORY);
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** This JVM's private directories, where the argument file lives. */
    private static List<Path> privateDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/dev/shm"))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("nsunit-" + ProcessHandle.current().pid() + "-"))
                    .toList();
        }
    }

    private static void emptyJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest alone: a real, readable jar
        }
    }

    @Forked
    static class ClassPathTestCase {
        @Test
        void seesTheWholeClassPath() {
            String classPath = System.getProperty("java.class.path");
            assertThat(classPath).endsWith(System.getProperty(LAST_JAR));
            assertThat(Stream.of(classPath.split(java.io.File.pathSeparator))
                    .filter(entry -> entry.startsWith(System.getProperty(JAR_DIRECTORY)))).hasSize(1000);
        }
    }
}
