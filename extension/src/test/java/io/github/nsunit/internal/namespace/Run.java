package io.github.nsunit.internal.namespace;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: runs a command to completion (killing its whole tree on timeout or failure) and keeps its output. */
record Run(List<String> command, int status, String stdout, String stderr) {

    static Run of(List<String> command) {
        return of(command, null);
    }

    static Run of(List<String> command, Path directory) {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("nsunit-run", ".out");
            err = Files.createTempFile("nsunit-run", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("did not finish in 60 s: " + command);
            }
            return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (process != null) {
                killTree(process.toHandle());
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        try {
            root.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("process " + root.pid() + " did not die after SIGKILL", e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file we cannot delete is reported by the leak check of the tests, not here
            }
        }
    }

    @Override
    public String toString() {
        return "`" + String.join(" ", command) + "` exited " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
