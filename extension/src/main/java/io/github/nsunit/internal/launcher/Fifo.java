package io.github.nsunit.internal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Creates a named pipe (mode 600) with coreutils {@code mkfifo}: Java has no call for it. */
final class Fifo {
    private Fifo() {
    }

    static void create(Path path) throws IOException {
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                throw new IOException("mkfifo " + path + " did not finish within 10 s");
            }
            if (mkfifo.exitValue() != 0) {
                String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new IOException("mkfifo " + path + " failed (exit " + mkfifo.exitValue() + "): " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            mkfifo.destroyForcibly();
            throw new IOException("interrupted while creating " + path, e);
        }
    }
}
