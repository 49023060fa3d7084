package io.github.nsunit.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The threads that read a child's stdout and stderr: each keeps the stream's tail for failure messages and
 * queues what it read for the awaiting thread. Stdout can also be captured while the child prints a thread dump.
 */
final class OutputPumps {
    private static final int TAIL_BYTES = 16 * 1024;

    private final OutputTail stdoutTail = new OutputTail(TAIL_BYTES);
    private final OutputTail stderrTail = new OutputTail(TAIL_BYTES);
    private volatile StringBuilder capture;

    /** Starts both pumps; {@code stdout} and {@code stderr} are called on the awaiting thread, in order. */
    List<Thread> start(Process process, Deliveries deliveries, Consumer<byte[]> stdout, Consumer<byte[]> stderr) {
        return List.of(
                pump("stdout-" + process.pid(), process.getInputStream(), bytes -> {
                    stdoutTail.append(bytes);
                    StringBuilder dump = capture;
                    if (dump != null) {
                        synchronized (dump) {
                            dump.append(new String(bytes, StandardCharsets.UTF_8));
                        }
                    }
                    deliveries.put(() -> stdout.accept(bytes));
                }),
                pump("stderr-" + process.pid(), process.getErrorStream(), bytes -> {
                    stderrTail.append(bytes);
                    deliveries.put(() -> stderr.accept(bytes));
                }));
    }

    /** Starts copying stdout into a new capture, which {@link #endCapture} returns. */
    void startCapture() {
        capture = new StringBuilder();
    }

    String endCapture() {
        StringBuilder dump = capture;
        capture = null;
        if (dump == null) {
            return "";
        }
        synchronized (dump) {
            return dump.toString();
        }
    }

    String stdoutTail() {
        return stdoutTail.lastLines(20);
    }

    String stderrTail() {
        return stderrTail.lastLines(20);
    }

    private static Thread pump(String name, InputStream stream, Consumer<byte[]> consumer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    if (n > 0) {
                        consumer.accept(Arrays.copyOf(buffer, n));
                    }
                }
            } catch (IOException closed) {
                // the child is gone, or close() closed the stream to stop this pump
            }
        }, "nsunit-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
