package io.github.nsunit.internal.launcher;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The child's class path: the parent's {@code java.class.path} (under Surefire, the real test class path, not
 * the booter jar), plus wherever the parent loaded the JUnit launcher, engine and nsunit itself from when they
 * are not on it (Surefire and IDEs put them on a class path of their own).
 */
final class ChildClassPath {
    /** One class from each artifact the child cannot run without. */
    private static final List<String> REQUIRED = List.of(
            "io.github.nsunit.internal.child.ChildMain",
            "org.junit.platform.launcher.core.LauncherFactory",
            "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.support.ReflectionSupport",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.junit.jupiter.api.Test",
            "org.opentest4j.AssertionFailedError",
            "net.bytebuddy.agent.builder.AgentBuilder");

    private ChildClassPath() {
    }

    static String of(ClassLoader testClassLoader) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        Set<Path> present = new LinkedHashSet<>();
        entries.forEach(entry -> present.add(Path.of(entry).toAbsolutePath().normalize()));
        List<String> missing = new ArrayList<>();
        for (String className : REQUIRED) {
            Path location = locationOf(className, testClassLoader);
            if (location != null && present.add(location)) {
                missing.add(location.toString());
            }
        }
        entries.addAll(missing);
        return String.join(File.pathSeparator, entries);
    }

    private static Path locationOf(String className, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null; // not loadable here: the child will say what is missing if it needs it
        }
    }
}
