package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.seccomp.SeccompFilter;
import io.github.nsunit.internal.seccomp.SeccompInstaller;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the child does right before the test body, after {@code @BeforeEach}: install the syscall filter, and
 * for a test-scoped memory limit, let the parent set the limit to what this JVM uses now plus the test's share.
 */
public final class BeforeBody {
    /** The measurement that tells the parent the child is about to run the test body. */
    public static final String READY_FOR_LIMIT = "ready-for-memory-limit";

    private static volatile ChildSettings settings = ChildSettings.NONE;
    private static volatile io.github.nsunit.internal.channel.ChannelWriter channel;

    private BeforeBody() {
    }

    static void configure(ChildSettings childSettings, io.github.nsunit.internal.channel.ChannelWriter writer) {
        settings = childSettings;
        channel = writer;
    }

    /** Called by the extension in the child, once per test, just before the body runs. */
    public static void run() {
        if (settings.memoryHandshake()) {
            awaitMemoryLimit();
        }
        if (!settings.deniedSyscalls().isEmpty()) {
            SeccompInstaller.install(SeccompFilter.denying(settings.deniedSyscalls()));
        }
    }

    /**
     * Collects what the set-up left behind, so the limit counts the test's allocations and not earlier garbage,
     * then waits on stdin for the parent's go: it has set the limit by then.
     */
    private static void awaitMemoryLimit() {
        System.gc();
        channel.measurement(READY_FOR_LIMIT, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        try {
            if (System.in.read() < 0) {
                throw new IllegalStateException("the nsunit parent closed the child's stdin before it set the"
                        + " test-scoped memory limit");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("waiting for the nsunit parent to set the memory limit", e);
        }
    }
}
