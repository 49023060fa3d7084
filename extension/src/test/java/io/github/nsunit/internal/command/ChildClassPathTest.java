package io.github.nsunit.internal.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildClassPathTest {

    @Test
    void underTheApplicationClassLoaderItIsJavaClassPath() {
        List<String> parent = entries(System.getProperty("java.class.path"));
        assertThat(entries(ChildClassPath.of(ClassLoader.getSystemClassLoader())))
                .startsWith(parent.toArray(String[]::new));
    }

    /** What the console launcher does with its --class-path: a URL class loader on top of the application one. */
    @Test
    void addsTheEntriesOfTheLoadersTheTestsWereLoadedByParentsFirst(@TempDir Path dir) throws Exception {
        Path outer = Files.createDirectory(dir.resolve("outer-classes"));
        Path inner = Files.createDirectory(dir.resolve("inner-classes"));
        Path jar = Files.createFile(dir.resolve("lib.jar"));
        try (URLClassLoader outerLoader = new URLClassLoader(new URL[]{outer.toUri().toURL()},
                ClassLoader.getSystemClassLoader());
             URLClassLoader innerLoader = new URLClassLoader(new URL[]{inner.toUri().toURL(), jar.toUri().toURL(),
                     new URL("http://example.invalid/remote.jar")}, outerLoader)) {

            List<String> childClassPath = entries(ChildClassPath.of(innerLoader));

            assertThat(childClassPath).containsSubsequence(outer.toString(), inner.toString(), jar.toString())
                    .doesNotContain("http://example.invalid/remote.jar")
                    .containsAll(entries(System.getProperty("java.class.path")));
            assertThat(childClassPath).doesNotHaveDuplicates();
        }
    }

    private static List<String> entries(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty()).toList();
    }
}
