package io.github.nsunit.internal.cache;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar a child's {@code -javaagent:} names for the exit agent: a manifest only (its Premain-Class is on the
 * child's class path already). Written once into the cache directory, under an unpredictable temporary name and
 * renamed, so concurrent runs never see half a jar.
 *
 * <p>Every child that expects to exit runs this jar, so it is used only from a cache directory others can neither
 * write to nor replace, and only if it is this user's own regular file; one that is not (a link, another user's
 * file) is replaced. When the cache directory itself is not trusted, or cannot be written, the jar goes into a
 * private directory for this run instead (mode 700, deleted when the JVM exits): unlike the archives, a test needs
 * the agent, so nsunit does not go without it.
 */
public final class ExitAgentJar {
    static final String AGENT_CLASS = "io.github.nsunit.internal.child.ExitAgent";
    static final String NAME = "exit-agent-v1.jar";
    private static volatile Path jar;

    private ExitAgentJar() {
    }

    /** The {@code -javaagent:} option that installs the exit agent in a child. */
    public static String option() {
        return "-javaagent:" + path();
    }

    private static synchronized Path path() {
        if (jar == null) {
            jar = inCache(CacheDirectory.path()).orElseGet(ExitAgentJar::inPrivateDirectory);
        }
        return jar;
    }

    /** The jar in {@code cache}, written there unless this user's own is there already; empty, warned, if not trusted. */
    static Optional<Path> inCache(Path cache) {
        Path target = cache.resolve(NAME);
        try {
            CacheTrust.ensureDirectory(cache);
            try {
                Optional<String> distrust = CacheTrust.distrust(target);
                if (distrust.isEmpty()) {
                    return Optional.of(target);
                }
                System.err.println("nsunit: will not pass " + target + " to children as -javaagent: "
                        + distrust.get() + "; writing nsunit's own in its place");
            } catch (NoSuchFileException absent) {
                // write it
            }
            write(target);
            return Optional.of(target);
        } catch (CacheTrust.UntrustedException e) {
            System.err.println("nsunit: not using the cache directory for the exit agent jar: " + e.getMessage()
                    + ". Whoever can write there could run code in every child that expects System.exit, so the jar"
                    + " goes into a private directory for this run. Set XDG_CACHE_HOME (default ~/.cache) so that"
                    + " $XDG_CACHE_HOME/nsunit is a directory of yours that only you can write to (chmod 700), in"
                    + " directories only you or root can change.");
        } catch (IOException e) {
            System.err.println("nsunit: cannot write the exit agent jar to " + target + " (" + e.getMessage()
                    + "); it goes into a private directory for this run. Set XDG_CACHE_HOME to a writable directory.");
        }
        return Optional.empty();
    }

    private static Path inPrivateDirectory() {
        try {
            Path directory = PrivateDirectory.create();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> PrivateDirectory.delete(directory),
                    "nsunit-exit-agent-jar-cleanup"));
            Path target = directory.resolve(NAME);
            write(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write nsunit's exit agent jar, neither to the cache directory "
                    + CacheDirectory.path() + " nor to a private directory (set XDG_CACHE_HOME to a writable"
                    + " directory of yours)", e);
        }
    }

    /** Writes the jar under a temporary name (mode 600) and renames it over {@code target}, never through a link. */
    private static void write(Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "exit-agent-", ".tmp");
        try {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Premain-Class", AGENT_CLASS);
            manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
            manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
            try (OutputStream out = Files.newOutputStream(temporary, LinkOption.NOFOLLOW_LINKS);
                 JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is the whole jar
            }
            // rename replaces a link itself, never its target
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
