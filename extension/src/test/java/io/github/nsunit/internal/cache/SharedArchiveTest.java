package io.github.nsunit.internal.cache;

import io.github.nsunit.internal.child.ArchiveTraining;
import io.github.nsunit.internal.command.ChildSpec;
import io.github.nsunit.internal.process.ChildEventSink;
import io.github.nsunit.internal.process.ChildOutcome;
import io.github.nsunit.internal.process.ChildProcess;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.ChildSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data-sharing archive, made and used for real. In this build nsunit is a class directory, which the
 * JVM cannot archive, so the tests first pack nsunit's classes into a jar, as users get it.
 */
class SharedArchiveTest {
    private static final List<String> FAST = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    @TempDir
    static Path jars;
    private static Path nsunitJar;

    @TempDir
    Path cache;

    @BeforeAll
    static void packNsunit() throws Exception {
        Path classes = Path.of(SharedArchive.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        nsunitJar = jars.resolve("nsunit-copy.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(nsunitJar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
    }

    @Test
    void makesTheArchiveOnceAndPutsTheArchivedJarsFirst() throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String classPath = "/nonexistent/test-classes" + File.pathSeparator + System.getProperty("java.class.path");
            ChildStart first = SharedArchive.apply(classPath, FAST, loader, cache);

            Path archive = archiveOption(first).orElseThrow();
            assertThat(archive.getParent()).isEqualTo(cache);
            assertThat(Files.size(archive)).isPositive();
            assertThat(first.classPath()).startsWith(nsunitJar + File.pathSeparator);
            assertThat(first.classPath()).contains(File.pathSeparator + "/nonexistent/test-classes" + File.pathSeparator);
            assertThat(first.jvmArgs()).containsSubsequence(FAST);
            try (Stream<Path> left = Files.list(cache)) {
                assertThat(left).containsExactly(archive); // no temporary file left behind
            }

            Object inode = Files.readAttributes(archive, "unix:ino").get("ino");
            ChildStart second = SharedArchive.apply(classPath, FAST, loader, cache);
            assertThat(archiveOption(second)).contains(archive);
            assertThat(Files.readAttributes(archive, "unix:ino").get("ino")).isEqualTo(inode);
        }
    }

    @Test
    void aChildStartedWithTheArchiveLoadsJUnitFromItAndPasses() throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String loaded = runChild(loader, cache);

            assertThat(loaded).containsPattern("org\\.junit\\.jupiter\\.engine\\.JupiterTestEngine source: shared objects file");
            assertThat(loaded).containsPattern("io\\.github\\.nsunit\\.internal\\.child\\.ChildMain source: shared objects file");
            // one static archive in place of the JDK's default: nothing comes from a second, dynamic ("top") layer
            assertThat(loaded).contains("java.lang.Object source: shared objects file").doesNotContain("(top)");
        }
    }

    @Test
    void aCacheDirectoryOfAnotherUserIsNotUsedAndTheChildStillRuns() throws Exception {
        Path theirs = Files.createDirectory(cache.resolve("theirs"));
        Files.setAttribute(theirs, "unix:mode", 0755);
        Files.setOwner(theirs, CacheTrustTest.otherUser());

        assertRefused(theirs, theirs + " is owned by nsunit-nopriv (uid ", "mode 0755 (rwxr-xr-x)");
    }

    @Test
    void aCacheDirectoryOthersCanWriteToIsNotUsedAndTheChildStillRuns() throws Exception {
        Path shared = Files.createDirectory(cache.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);

        assertRefused(shared, shared + " has mode 0777 (rwxrwxrwx): others can write to it");
    }

    /** No archive for a child of {@code directory}, a warning naming it and the setting, and the child passes. */
    private static void assertRefused(Path directory, String... why) throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String classPath = System.getProperty("java.class.path");
            ChildStart[] start = new ChildStart[1];
            String warning = stderrOf(() -> start[0] = SharedArchive.apply(classPath, FAST, loader, directory));

            assertThat(start[0]).isEqualTo(new ChildStart(classPath, FAST));
            assertThat(warning).contains("nsunit: not using the class-data-sharing cache directory: ").contains(why)
                    .contains("Set the configuration parameter nsunit.child.class-data-sharing.directory");
            try (Stream<Path> made = Files.list(directory)) {
                assertThat(made).isEmpty();
            }
            String loaded = runChild(loader, directory);
            assertThat(loaded).containsPattern("org\\.junit\\.jupiter\\.engine\\.JupiterTestEngine source: (file|jar):");
        }
    }

    @Test
    void anArchivePlantedByAnotherUserIsNotMappedButReplaced() throws Exception {
        Path directory = Files.createDirectory(cache.resolve("cds"));
        Path own = ownArchive();
        Path planted = Files.copy(own, directory.resolve(own.getFileName()));
        Files.setOwner(planted, CacheTrustTest.otherUser());
        Object plantedInode = Files.getAttribute(planted, "unix:ino");

        assertReplaced(directory, planted, "it is owned by nsunit-nopriv (uid ");
        assertThat(Files.getAttribute(planted, "unix:ino")).isNotEqualTo(plantedInode);
    }

    @Test
    void aLinkPlantedInPlaceOfTheArchiveIsNotFollowedButReplaced() throws Exception {
        Path directory = Files.createDirectory(cache.resolve("cds"));
        Path own = ownArchive();
        Path elsewhere = Files.copy(own, cache.resolve("elsewhere"));
        Files.setOwner(elsewhere, CacheTrustTest.otherUser());
        Object elsewhereModified = Files.getLastModifiedTime(elsewhere);
        Path link = Files.createSymbolicLink(directory.resolve(own.getFileName()), elsewhere);

        assertReplaced(directory, link, "it is a symbolic link (to " + elsewhere + ")");
        // the link's target is neither used nor touched (using an archive refreshes its modification time)
        assertThat(Files.getLastModifiedTime(elsewhere)).isEqualTo(elsewhereModified);
        assertThat(Files.getOwner(elsewhere).getName()).isEqualTo("nsunit-nopriv");
    }

    /** The child maps a new archive of ours at {@code planted}'s name, which a warning names, and passes. */
    private static void assertReplaced(Path directory, Path planted, String why) throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String classPath = System.getProperty("java.class.path");
            ChildStart[] start = new ChildStart[1];
            String warning = stderrOf(() -> start[0] = SharedArchive.apply(classPath, FAST, loader, directory));

            assertThat(archiveOption(start[0])).contains(planted);
            assertThat(warning).contains("nsunit: will not map " + planted + " into children: " + why)
                    .contains("making a new archive in its place");
            assertThat(Files.isRegularFile(planted, LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(Files.getAttribute(planted, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            String loaded = runChild(loader, directory);
            assertThat(loaded).containsPattern("org\\.junit\\.jupiter\\.engine\\.JupiterTestEngine source: shared objects file");
        }
    }

    /** An archive this user made for {@link #FAST} of the jars as they are now, in a directory of its own. */
    private Path ownArchive() throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            return archiveOption(SharedArchive.apply(System.getProperty("java.class.path"), FAST, loader,
                    Files.createDirectory(cache.resolve("own-cds")))).orElseThrow();
        }
    }

    /**
     * Starts a real child (the {@code @Forked} {@link ArchiveTraining}) through {@link ChildProcess#start}, the way
     * the extension starts every child, with archives from {@code directory}; returns the classes it loaded.
     */
    private static String runChild(URLClassLoader loader, Path directory) throws Exception {
        List<String> options = new ArrayList<>(FAST);
        options.add("-Xlog:class+load=info:stdout");
        ChildSpec spec = new ChildSpec(List.of(), options,
                Assignment.test(ArchiveTraining.UNIQUE_ID, Map.of(), ChildSettings.NONE), loader, Optional.empty(),
                Optional.of(directory), Optional.empty());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ChildOutcome outcome;
        try (ChildProcess child = ChildProcess.start(spec)) {
            outcome = child.await(Duration.ofMinutes(2), new Collecting(stdout));
        }
        assertThat(outcome.exitStatus()).as(outcome.stderrTail()).isZero();
        assertThat(outcome.result()).hasValueSatisfying(r -> assertThat(r.status().name()).isEqualTo("SUCCESSFUL"));
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** What {@code action} printed to System.err (the parent's warnings go there). */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    @Test
    void aChangedJarGetsANewArchive() throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String classPath = System.getProperty("java.class.path");
            Path before = archiveOption(SharedArchive.apply(classPath, FAST, loader, cache)).orElseThrow();
            Files.setLastModifiedTime(nsunitJar, FileTime.fromMillis(Files.getLastModifiedTime(nsunitJar).toMillis() - 60_000));

            Path after = archiveOption(SharedArchive.apply(classPath, FAST, loader, cache)).orElseThrow();

            assertThat(after).isNotEqualTo(before);
            assertThat(after).exists();
        }
    }

    @Test
    void withoutAWritableCacheTheChildStartsUnchanged() throws Exception {
        Path notADirectory = Files.writeString(cache.resolve("file"), "in the way");
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            String classPath = System.getProperty("java.class.path");
            ChildStart start = SharedArchive.apply(classPath, List.of("-XX:+UseParallelGC"), loader,
                    notADirectory.resolve("cds"));

            assertThat(start).isEqualTo(new ChildStart(classPath, List.of("-XX:+UseParallelGC")));
        }
    }

    @Test
    void leavesClassDataSharingToAUserWhoConfiguresIt() throws Exception {
        try (URLClassLoader loader = loaderWithNsunitJar()) {
            List<String> options = List.of("-Xshare:off");
            ChildStart start = SharedArchive.apply("a.jar", options, loader, cache);

            assertThat(start).isEqualTo(new ChildStart("a.jar", options));
            try (Stream<Path> made = Files.list(cache)) {
                assertThat(made).isEmpty();
            }
        }
    }

    /** nsunit from the jar copy; JUnit, opentest4j and apiguardian from the jars the build put on the class path. */
    private static URLClassLoader loaderWithNsunitJar() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(nsunitJar.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** The archive the child is started from: a class-data-sharing archive, or on JDK 25 an AOT cache. */
    private static Optional<Path> archiveOption(ChildStart start) {
        String option = ArchiveFormat.forThisJdk() == ArchiveFormat.AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
        return start.jvmArgs().stream().filter(o -> o.startsWith(option))
                .map(o -> Path.of(o.substring(option.length()))).findFirst();
    }

    /** Keeps the child's stdout, drops the rest. */
    private record Collecting(ByteArrayOutputStream stdout) implements ChildEventSink {
        @Override
        public void stdout(byte[] bytes) {
            stdout.write(bytes, 0, bytes.length);
        }

        @Override
        public void stderr(byte[] bytes) {
            System.err.write(bytes, 0, bytes.length);
        }

        @Override
        public void reportEntry(Map<String, String> entry) {
        }
    }
}
