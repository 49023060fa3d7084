package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One @Forked test of each outcome the matrix compares, and what the child JVM sees of JUnit and Java. */
@Forked
class MatrixTest {

    @Test
    void passes() {
        Child.assertInChild();
    }

    @Test
    void failsWithAssertion() {
        assertEquals("expected-in-child", "actual-in-child", "compared in the child JVM");
    }

    @Test
    void exitsWithStatus3() {
        System.exit(3);
    }

    /** Prints what the integration test checks: the Java release and the JUnit Platform jars of this child. */
    @Test
    void reportsItsJavaAndJUnitPlatform() throws ClassNotFoundException {
        Child.assertInChild();
        System.out.println("java.specification.version=" + System.getProperty("java.specification.version"));
        System.out.println("junit-platform versions=" + PlatformJars.versions());
        System.out.println("started from=" + Child.archive());
        assertTrue(System.getProperty("java.class.path").contains("junit-platform-launcher"),
                "the child's class path has no junit-platform-launcher: " + PlatformJars.locations());
    }
}
