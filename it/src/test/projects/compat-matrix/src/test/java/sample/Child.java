package sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tells whether this JVM is an nsunit child, by its main class, and what it started from. */
final class Child {
    private Child() {
    }

    static boolean isChild() {
        return System.getProperty("sun.java.command", "").startsWith("io.github.nsunit.internal.child.ChildMain");
    }

    /**
     * The archive this JVM was started from, by the suffix of the file its command names ({@code .aot}: an
     * ahead-of-time cache, {@code .jsa}: a class-data-sharing archive), and whether the JVM mapped it: the VM
     * says "sharing" only when it did.
     */
    static String archive() {
        String suffix = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("-XX:AOTCache=") || o.startsWith("-XX:SharedArchiveFile="))
                .map(o -> o.substring(o.lastIndexOf('.')))
                .findFirst().orElse("none");
        return suffix + (System.getProperty("java.vm.info", "").contains("sharing") ? ", mapped" : ", not mapped");
    }

    static void assertInChild() {
        assertTrue(isChild(), "expected to run in an nsunit child JVM, but the main class is "
                + System.getProperty("sun.java.command"));
    }
}
