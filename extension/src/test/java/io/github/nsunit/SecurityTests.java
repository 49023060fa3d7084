package io.github.nsunit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nsunit makes on the machine is private to the user and no wider than it must be, and nothing a test
 * passes on (JVM options, system properties, class path entries) is ever run by a shell.
 */
class SecurityTests {
    /** Each of these would create a file if a shell evaluated it. */
    static final String EVIL = "$(touch /tmp/nsunit-pwned-1) `touch /tmp/nsunit-pwned-2` \"q\" 'q' ; touch"
            + " /tmp/nsunit-pwned-3 \n nl & touch /tmp/nsunit-pwned-4 | $HOME";
    private static final List<Path> PWNED = List.of(Path.of("/tmp/nsunit-pwned-1"), Path.of("/tmp/nsunit-pwned-2"),
            Path.of("/tmp/nsunit-pwned-3"), Path.of("/tmp/nsunit-pwned-4"), Path.of("/tmp/nsunit-pwned-5"));

    @AfterEach
    void removeEvidence() throws IOException {
        for (Path pwned : PWNED) {
            Files.deleteIfExists(pwned);
        }
    }

    @Test
    void theChannelIsTheUsersFifoAndItsPathIsGoneWhileTheTestRuns() {
        EngineRun run = EngineRun.of(ChannelTestCase.class);

        FaultTests.assertPassed(run, "inspectsItsChannel");
        Map<String, String> entry = run.entriesOf("inspectsItsChannel").get(0);
        // by the time the test runs, its channel's path is gone: removed once both ends were open
        assertThat(entry.get("channel")).startsWith("/dev/shm/nsunit-" + ProcessHandle.current().pid() + "-")
                .endsWith("/channel (deleted)");
        assertThat(entry).containsEntry("directory exists", "false")
                .containsEntry("channel owner", System.getProperty("user.name"))
                .containsEntry("channel type", "fifo");
    }

    @Test
    void whileItExistsTheChannelIsAFifoOfMode600InADirectoryOfMode700() throws IOException {
        Path directory = io.github.nsunit.internal.cache.PrivateDirectoryAccess.create();
        try {
            Path fifo = directory.resolve("channel");
            io.github.nsunit.internal.cache.PrivateDirectoryAccess.fifo(fifo);
            assertThat(mode(directory)).isEqualTo("rwx------");
            assertThat(mode(fifo)).isEqualTo("rw-------");
            assertThat(Files.readAttributes(fifo, java.nio.file.attribute.PosixFileAttributes.class).isOther()).isTrue();
        } finally {
            io.github.nsunit.internal.cache.PrivateDirectoryAccess.delete(directory);
        }
    }

    @Test
    void jvmOptionsAndSystemPropertiesWithShellSyntaxReachTheChildVerbatimThroughEveryStage() {
        System.setProperty("nsunit.test.evil-property", EVIL);
        EngineRun run;
        try {
            run = EngineRun.of(InjectionTestCase.class);
        } finally {
            System.clearProperty("nsunit.test.evil-property");
        }

        FaultTests.assertPassed(run, "receivesVerbatim");
        assertThat(run.entriesOf("receivesVerbatim").get(0)).containsEntry("jvm option", EVIL)
                .containsEntry("system property", EVIL);
        assertThat(PWNED).noneMatch(Files::exists);
    }

    @Test
    void aClassPathDirectoryWithShellSyntaxInItsNameRunsChildrenVerbatim() throws Exception {
        Path base = Files.createTempDirectory("nsunit-test-cp-");
        Path weird = base.resolve("a b$c'd\"e`touch /tmp/nsunit-pwned-5`$(id)\nf");
        try {
            copy(Path.of(SecurityTests.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    weird.resolve("test-classes"));
            copy(Path.of(Forked.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    weird.resolve("classes"));
            List<String> classPath = new ArrayList<>(List.of(weird.resolve("test-classes").toString(),
                    weird.resolve("classes").toString()));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (entry.endsWith(".jar")) {
                    classPath.add(entry);
                }
            }
            Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(java.io.File.pathSeparator, classPath), ParentJvmMain.class.getName(),
                    ClassPathTestCase.class.getName()).redirectErrorStream(true).start();
            String output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(parent.waitFor()).as(output).isZero();
            assertThat(output).contains("nsunit-test child ran from " + weird.resolve("test-classes"));
            assertThat(PWNED).noneMatch(Files::exists);
        } finally {
            delete(base);
        }
    }

    @Test
    void aTestsCgroupIsWritableByItsOwnerOnly() {
        EngineRun run = EngineRun.of(CgroupTestCase.class);

        FaultTests.assertPassed(run, "inspectsItsCgroup");
        Map<String, String> entry = run.entriesOf("inspectsItsCgroup").get(0);
        System.err.println("nsunit figure: cgroup modes " + entry);
        assertThat(entry.get("directory")).contains("/nsunit-");
        assertThat(entry.get("directory mode")).matches("rwx.-..-.");
        assertThat(entry.get("run directory mode")).matches("rwx.-..-.");
        assertThat(entry.get("cgroup.procs mode")).matches("rw-.-..-.");
        assertThat(entry.get("memory.limit_in_bytes mode")).matches("rw-.-..-.");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Forked
    static class ChannelTestCase {
        @Test
        void inspectsItsChannel(TestReporter reporter) throws IOException {
            Path descriptor = Path.of("/proc/self/fd/3"); // stat through it reaches the FIFO even once unlinked
            Path channel = Files.readSymbolicLink(descriptor);
            reporter.publishEntry(Map.of("channel", channel.toString(), "directory exists", Boolean.toString(Files.exists(channel.getParent())),
                    "channel owner", Files.getOwner(descriptor).getName(),
                    "channel type", Files.isRegularFile(descriptor) || Files.isDirectory(descriptor) ? "other" : "fifo"));
        }
    }

    @IsolatedPid
    @MemoryLimit("256M")
    @Forked(jvmArgs = "-Dnsunit.test.evil-option=" + EVIL)
    static class InjectionTestCase {
        @Test
        void receivesVerbatim(TestReporter reporter) {
            reporter.publishEntry(Map.of("jvm option", System.getProperty("nsunit.test.evil-option"),
                    "system property", System.getProperty("nsunit.test.evil-property")));
        }
    }

    static class ClassPathTestCase {
        @Test
        @IsolatedPid
        @MemoryLimit("256M")
        void printsWhereItRanFrom() throws Exception {
            System.out.println("nsunit-test child ran from " + Path.of(ClassPathTestCase.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI()));
        }
    }

    @MemoryLimit("256M")
    static class CgroupTestCase {
        @Test
        void inspectsItsCgroup(TestReporter reporter) throws IOException {
            String path = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .filter(line -> line.contains(":memory:")).findFirst().orElseThrow().split(":", 3)[2];
            Path dir = Path.of("/sys/fs/cgroup/memory" + path);
            reporter.publishEntry(Map.of("directory", dir.toString(), "directory mode", mode(dir),
                    "run directory mode", mode(dir.getParent()),
                    "cgroup.procs mode", mode(dir.resolve("cgroup.procs")),
                    "memory.limit_in_bytes mode", mode(dir.resolve("memory.limit_in_bytes"))));
        }
    }
}
