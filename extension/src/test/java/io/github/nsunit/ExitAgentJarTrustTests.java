package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exit agent jar, which every child that expects {@code System.exit} runs as its {@code -javaagent}, is taken
 * from the cache directory ({@code $XDG_CACHE_HOME/nsunit}) only if no one else can write there. Each case runs a
 * parent JVM of its own (the jar is chosen once per JVM) on {@link ExitAgentTests.ExitsTestCase}, whose halt is
 * named as such only by the real agent. A planted jar names a Premain-Class that does not exist: a child given it
 * would not start.
 */
class ExitAgentJarTrustTests {
    private static final String PLANTED_MARKER = "io.github.nsunit.PlantedAgentThatDoesNotExist";

    @TempDir
    Path xdgCacheHome;

    @Test
    void anOwnCacheDirectoryKeepsTheJarForThisUserOnly() throws Exception {
        String output = runExitTests();

        Path jar = xdgCacheHome.resolve("nsunit/exit-agent-v1.jar");
        assertThat(output).doesNotContain("nsunit: will not").doesNotContain("nsunit: not using");
        assertThat(Files.getAttribute(jar, "unix:mode", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0100600);
        assertThat(Files.getAttribute(xdgCacheHome.resolve("nsunit"), "unix:mode")).isEqualTo(040700);
    }

    @Test
    void aJarPlantedByAnotherUserIsNotPassedToChildrenButReplaced() throws Exception {
        Path cache = Files.createDirectory(xdgCacheHome.resolve("nsunit"));
        Path jar = plantJar(cache.resolve("exit-agent-v1.jar"));

        String output = runExitTests();

        assertThat(output).contains("nsunit: will not pass " + jar + " to children as -javaagent: it is owned by"
                + " nsunit-nopriv (uid ").contains("writing nsunit's own in its place");
        assertOwnJar(jar);
    }

    @Test
    void aLinkPlantedInPlaceOfTheJarIsNotFollowedButReplaced() throws Exception {
        Path cache = Files.createDirectory(xdgCacheHome.resolve("nsunit"));
        Path elsewhere = plantJar(xdgCacheHome.resolve("elsewhere.jar"));
        byte[] plantedBytes = Files.readAllBytes(elsewhere);
        Path jar = Files.createSymbolicLink(cache.resolve("exit-agent-v1.jar"), elsewhere);

        String output = runExitTests();

        assertThat(output).contains("nsunit: will not pass " + jar + " to children as -javaagent: it is a symbolic"
                + " link (to " + elsewhere + ")");
        assertOwnJar(jar);
        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(plantedBytes); // nothing was written through the link
    }

    @Test
    void aCacheDirectoryOfAnotherUserIsNotUsed() throws Exception {
        Path cache = Files.createDirectory(xdgCacheHome.resolve("nsunit"));
        Path jar = plantJar(cache.resolve("exit-agent-v1.jar"));
        Files.setOwner(cache, otherUser());

        String output = runExitTests();

        assertThat(output).contains("nsunit: not using the cache directory for the exit agent jar: " + cache
                + " is owned by nsunit-nopriv (uid ").contains("Set XDG_CACHE_HOME");
        assertThat(premainClass(jar)).isEqualTo(PLANTED_MARKER); // untouched
    }

    @Test
    void aCacheDirectoryOthersCanWriteToIsNotUsed() throws Exception {
        Path cache = Files.createDirectory(xdgCacheHome.resolve("nsunit"));
        Path jar = plantJar(cache.resolve("exit-agent-v1.jar"));
        Files.setAttribute(cache, "unix:mode", 0777);

        String output = runExitTests();

        assertThat(output).contains("nsunit: not using the cache directory for the exit agent jar: " + cache
                + " has mode 0777 (rwxrwxrwx): others can write to it");
        assertThat(premainClass(jar)).isEqualTo(PLANTED_MARKER); // untouched
    }

    /**
     * Runs the exit tests in a parent JVM of their own with {@link #xdgCacheHome}; asserts that their children
     * ran with the real agent and that the parent left no private directory behind. Returns what it printed.
     */
    private String runExitTests() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), LauncherMain.class.getName(),
                "exit|" + ExitAgentTests.ExitsTestCase.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", xdgCacheHome.toString());
        Process parent = builder.start();
        String output;
        try {
            output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parent.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
        System.out.println(output);
        assertThat(output).contains("RESULT|exit|exitsWithTwo|SUCCESSFUL|")
                .contains("RESULT|exit|halts|FAILED|org.opentest4j.AssertionFailedError|")
                .contains("ExitsTestCase.halts() was expected to call System.exit(2), but called Runtime.halt(2)");
        try (Stream<Path> left = Files.list(Path.of("/dev/shm"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("nsunit-" + parent.pid() + "-"));
        }
        return output;
    }

    /** A jar whose agent class does not exist, owned by another user, at {@code path}. */
    private static Path plantJar(Path path) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", PLANTED_MARKER);
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        Files.setOwner(path, otherUser());
        return path;
    }

    private static String premainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Premain-Class");
        }
    }

    /** The account {@code .ci/setup-users} makes, or a skipped test saying how to make it. */
    private static UserPrincipal otherUser() throws IOException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nsunit-nopriv");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "user nsunit-nopriv does not exist: run .ci/setup-users as root");
            throw e;
        }
    }

    /** {@code jar} is now nsunit's own: a regular file of this user, with the real agent class. */
    private static void assertOwnJar(Path jar) throws IOException {
        assertThat(Files.isRegularFile(jar, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.getAttribute(jar, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        assertThat(premainClass(jar)).isEqualTo("io.github.nsunit.internal.child.ExitAgent");
    }
}
