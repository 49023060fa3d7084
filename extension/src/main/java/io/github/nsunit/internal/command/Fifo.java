package io.github.nsunit.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Creates a named pipe (mode 600) with coreutils {@code mkfifo}: Java has no call for it. */
public final class Fifo {
    private Fifo() {
    }

    private static final int FILE_TYPE_MASK = 0170000;
    private static final int FIFO_TYPE = 0010000;

    /** Whether {@code path} itself (not what a link names) is a FIFO this user owns. */
    public static boolean isFifo(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object self = Files.getAttribute(path.getParent(), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE_MASK) == FIFO_TYPE && owner.equals(self);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static void create(Path path) throws IOException {
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
