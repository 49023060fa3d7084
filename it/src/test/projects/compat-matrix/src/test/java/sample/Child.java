package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tells whether this JVM is an nsunit child, by its main class. */
final class Child {
    private Child() {
    }

    static boolean isChild() {
        return System.getProperty("sun.java.command", "").startsWith("io.github.nsunit.internal.child.ChildMain");
    }

    static void assertInChild() {
        assertTrue(isChild(), "expected to run in an nsunit child JVM, but the main class is "
                + System.getProperty("sun.java.command"));
    }
}
