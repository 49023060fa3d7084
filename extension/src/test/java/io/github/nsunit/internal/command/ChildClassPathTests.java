package io.github.nsunit.internal.command;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildClassPathTests {
    private final String classPath = System.getProperty("java.class.path");
    private final ClassLoader loader = getClass().getClassLoader();

    @AfterEach
    void restoreClassPath() {
        System.setProperty("java.class.path", classPath);
    }

    @Test
    void isTheParentsClassPathInOrderWhenItHoldsEverythingTheChildNeeds() {
        List<String> parents = entries(classPath).stream().filter(e -> !e.isEmpty()).toList();

        assertThat(entries(ChildClassPath.of(loader))).containsExactlyElementsOf(parents);
    }

    @Test
    void addsWhereTheLauncherEngineAndNsunitWereLoadedFromWhenTheClassPathLacksThem() {
        System.setProperty("java.class.path", "/nsunit-test/only.jar" + File.pathSeparator + File.pathSeparator);

        List<String> child = entries(ChildClassPath.of(loader));

        assertThat(child.get(0)).isEqualTo("/nsunit-test/only.jar");
        assertThat(child).contains(location(io.github.nsunit.internal.child.ChildMain.class),
                location(org.junit.platform.launcher.core.LauncherFactory.class),
                location(org.junit.platform.engine.TestEngine.class),
                location(org.junit.platform.commons.support.ReflectionSupport.class),
                location(org.junit.jupiter.engine.JupiterTestEngine.class),
                location(org.junit.jupiter.api.Test.class),
                location(org.opentest4j.AssertionFailedError.class));
        assertThat(child).doesNotContain("").doesNotHaveDuplicates();
    }

    private static List<String> entries(String classPath) {
        return Arrays.asList(classPath.split(File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
