package io.github.nsunit.internal.child;

import io.github.nsunit.internal.seccomp.SeccompFilter;
import io.github.nsunit.internal.seccomp.SeccompInstaller;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * What the child does right before the test body, after {@code @BeforeEach}: install the syscall filter, and
 * for a test-scoped memory limit, let the parent set the limit to what this JVM uses now plus the test's share.
 */
public final class BeforeBody {
    /** Setting: comma-separated syscall names to deny with EPERM. */
    public static final String DENY_SYSCALLS = "seccomp.deny";
    /** Setting: {@code true} makes the child wait for the parent to set the test-scoped memory limit. */
    public static final String MEMORY_HANDSHAKE = "memory.handshake";
    /** The measurement that tells the parent the child is about to run the test body. */
    public static final String READY_FOR_LIMIT = "ready-for-memory-limit";

    private static volatile Map<String, String> settings = Map.of();
    private static volatile io.github.nsunit.internal.channel.ChannelWriter channel;

    private BeforeBody() {
    }

    static void configure(Map<String, String> childSettings, io.github.nsunit.internal.channel.ChannelWriter writer) {
        settings = childSettings;
        channel = writer;
    }

    /** Called by the extension in the child, once per test, just before the body runs. */
    public static void run() {
        if ("true".equals(settings.get(MEMORY_HANDSHAKE))) {
            awaitMemoryLimit();
        }
        String deny = settings.get(DENY_SYSCALLS);
        if (deny != null && !deny.isEmpty()) {
            SeccompInstaller.install(SeccompFilter.denying(Arrays.asList(deny.split(","))));
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
