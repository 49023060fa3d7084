package io.github.nsunit.internal.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar a child's {@code -javaagent:} names for the exit agent: a manifest only (its Premain-Class is on the
 * child's class path already). Written once into the cache directory, under a temporary name and renamed, so
 * concurrent runs never see half a jar.
 */
public final class ExitAgentJar {
    static final String AGENT_CLASS = "io.github.nsunit.internal.child.ExitAgent";
    private static volatile Path jar;

    private ExitAgentJar() {
    }

    /** The {@code -javaagent:} option that installs the exit agent in a child. */
    public static String option() {
        return "-javaagent:" + path();
    }

    private static synchronized Path path() {
        if (jar != null) {
            return jar;
        }
        Path target = CacheDirectory.path().resolve("exit-agent-v1.jar");
        try {
            if (!Files.isRegularFile(target)) {
                Files.createDirectories(target.getParent());
                Path temporary = Files.createTempFile(target.getParent(), "exit-agent-", ".tmp");
                Manifest manifest = new Manifest();
                manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
                manifest.getMainAttributes().putValue("Premain-Class", AGENT_CLASS);
                manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
                manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
                try (OutputStream out = Files.newOutputStream(temporary); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                    // the manifest is the whole jar
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write nsunit's exit agent jar to " + target
                    + " (set XDG_CACHE_HOME to a writable directory)", e);
        }
        jar = target;
        return jar;
    }
}
