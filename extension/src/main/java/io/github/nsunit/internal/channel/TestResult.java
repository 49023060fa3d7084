package io.github.nsunit.internal.channel;

/**
 * How the test ended in the child, as JUnit saw it. {@code throwable} is the encoded original
 * ({@link ThrowableCodec}); {@code reason} is the skip reason, or the display name of the container that
 * failed before the test could start.
 */
public record TestResult(Status status, byte[] throwable, String reason) {

    /** The outcome of the test in the child. */
    public enum Status {
        SUCCESSFUL, FAILED, ABORTED, SKIPPED,
        /** The child's launcher ran, but never reached the test (e.g. it was not found). */
        NOT_RUN
    }
}
