package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cache.SharedArchive;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The child's class path: the parent's {@code java.class.path} (under Surefire, the real test class path, not
 * the booter jar); then the entries of the class loaders the parent created for the tests on top of the
 * application class loader (the console launcher's {@code --class-path}, Surefire without the system class
 * loader); then wherever the parent loaded the JUnit launcher, engine and nsunit itself from when they are
 * not on it yet (Surefire and IDEs put them on a class path of their own).
 */
final class ChildClassPath {
    /** One class from each artifact the child cannot run without: those, and byte-buddy for the exit agent. */
    private static final List<String> REQUIRED = java.util.stream.Stream.concat(SharedArchive.JUNIT_AND_NSUNIT.stream(),
            java.util.stream.Stream.of("net.bytebuddy.agent.builder.AgentBuilder")).toList();

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
        for (Path entry : testLoaderEntries(testClassLoader)) {
            if (present.add(entry)) {
                missing.add(entry.toString());
            }
        }
        for (String className : REQUIRED) {
            Path location = locationOf(className, testClassLoader);
            if (location != null && present.add(location)) {
                missing.add(location.toString());
            }
        }
        entries.addAll(missing);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The file entries of the URL class loaders from the application class loader down to the test class
     * loader, parents first, as they delegate.
     */
    private static List<Path> testLoaderEntries(ClassLoader testClassLoader) {
        Deque<ClassLoader> chain = new ArrayDeque<>();
        ClassLoader application = ClassLoader.getSystemClassLoader();
        for (ClassLoader loader = testClassLoader; loader != null && loader != application;
             loader = loader.getParent()) {
            chain.push(loader);
        }
        List<Path> entries = new ArrayList<>();
        for (ClassLoader loader : chain) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    fileOf(url).ifPresent(entries::add);
                }
            }
        }
        return entries;
    }

    private static Optional<Path> fileOf(URL url) {
        try {
            return "file".equals(url.getProtocol())
                    ? Optional.of(Path.of(url.toURI()).toAbsolutePath().normalize()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty(); // not a plain file: the child cannot use it on a class path
        }
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
