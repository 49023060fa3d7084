package io.github.nsunit.internal.child;

/**
 * Tells the extension whether this JVM is an nsunit child. In a child the extension lets every invocation
 * proceed: the isolation already happened when the child was started.
 */
public final class ChildMode {
    private static volatile boolean child;

    private ChildMode() {
    }

    public static boolean isChild() {
        return child;
    }

    static void enter() {
        child = true;
    }
}
