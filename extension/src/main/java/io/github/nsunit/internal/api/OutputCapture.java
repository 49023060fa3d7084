package io.github.nsunit.internal.api;

import io.github.nsunit.internal.process.ChildEventSink;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keeps a task's stdout and stderr for its result and, unless told not to, relays them through this JVM's
 * {@code System.out}/{@code System.err} as they arrive (so Surefire and IDEs show them with the calling test).
 * Each stream keeps at most {@value #MAX_KEPT} bytes: a run that prints more keeps its start and says how much
 * was dropped.
 */
final class OutputCapture implements ChildEventSink {
    static final int MAX_KEPT = 16 * 1024 * 1024;

    private final boolean relay;
    private final Kept out = new Kept();
    private final Kept err = new Kept();

    OutputCapture(boolean relay) {
        this.relay = relay;
    }

    @Override
    public void stdout(byte[] bytes) {
        out.add(bytes);
        if (relay) {
            System.out.write(bytes, 0, bytes.length);
            System.out.flush();
        }
    }

    @Override
    public void stderr(byte[] bytes) {
        err.add(bytes);
        if (relay) {
            System.err.write(bytes, 0, bytes.length);
            System.err.flush();
        }
    }

    @Override
    public void reportEntry(Map<String, String> entry) {
        // a task has no TestReporter: nothing sends entries
    }

    String stdout() {
        return out.text();
    }

    String stderr() {
        return err.text();
    }

    /** One stream's bytes, up to the cap. */
    private static final class Kept {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long dropped;

        void add(byte[] chunk) {
            int room = MAX_KEPT - bytes.size();
            int kept = Math.max(0, Math.min(room, chunk.length));
            bytes.write(chunk, 0, kept);
            dropped += chunk.length - kept;
        }

        String text() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text
                    : text + "\n[nsunit: " + dropped + " more bytes were printed and not kept]\n";
        }
    }
}
