package io.github.nsunit.internal.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keeps the last bytes of a stream, for failure messages that quote what a dead child said last. */
final class OutputTail {
    private final byte[] ring;
    private long written;

    OutputTail(int capacity) {
        ring = new byte[capacity];
    }

    synchronized void append(byte[] bytes) {
        for (byte b : bytes) {
            ring[(int) (written++ % ring.length)] = b;
        }
    }

    /** The last {@code maxLines} complete or partial lines kept. */
    synchronized String lastLines(int maxLines) {
        int size = (int) Math.min(written, ring.length);
        byte[] ordered = new byte[size];
        for (int i = 0; i < size; i++) {
            ordered[i] = ring[(int) ((written - size + i) % ring.length)];
        }
        String text = new String(ordered, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        int end = lines.length;
        if (end > 0 && lines[end - 1].isEmpty()) {
            end--;
        }
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, end - maxLines), end));
    }
}
