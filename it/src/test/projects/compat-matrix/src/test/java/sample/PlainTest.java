package sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Not @Forked: runs in Surefire's own JVM, next to the forked classes. */
class PlainTest {

    @Test
    void runsInSurefiresJvm() throws ClassNotFoundException {
        assertFalse(Child.isChild(), "a test without @Forked ran in an nsunit child");
        System.out.println("junit-platform versions=" + PlatformJars.versions());
    }
}
