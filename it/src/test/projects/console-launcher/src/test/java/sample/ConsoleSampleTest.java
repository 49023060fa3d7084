package sample;

import io.github.nsunit.Forked;
import io.github.nsunit.IsolatedPid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run by the JUnit console launcher: @Forked and @IsolatedPid tests of each outcome, and one in-process. */
class ConsoleSampleTest {

    @Test
    @Forked
    void passesInAChildJvmWithTheStandaloneJar() {
        assertTrue(isChild(), "not in an nsunit child: " + System.getProperty("sun.java.command"));
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("junit-platform-console-standalone-"), "no standalone jar: " + classPath);
    }

    @Test
    @Forked
    void failsWithAssertion() {
        assertEquals("expected-in-child", "actual-in-child", "compared in the child JVM");
    }

    @Test
    @Forked
    void exitsWithStatus3() {
        System.exit(3);
    }

    @Test
    @IsolatedPid
    void isPid2InItsOwnPidNamespace() {
        assertEquals(2, ProcessHandle.current().pid());
    }

    @Test
    void runsInTheConsoleLaunchersJvm() {
        assertFalse(isChild());
    }

    private static boolean isChild() {
        return System.getProperty("sun.java.command", "").startsWith("io.github.nsunit.internal.child.ChildMain");
    }
}
