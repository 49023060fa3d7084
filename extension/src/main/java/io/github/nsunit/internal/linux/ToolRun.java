package io.github.nsunit.internal.linux;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short probe command to completion and keeps its exit status and output, for probes and messages. */
public record ToolRun(List<String> command, int exitCode, String output) {

    /** Exit code used here when the command could not be started at all. */
    public static final int NOT_STARTED = -1;
    /** Exit code used here when the command did not finish in time and was killed. */
    public static final int TIMED_OUT = -2;

    private static final long TIMEOUT_SECONDS = 10;

    public static ToolRun of(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ToolRun(command, NOT_STARTED, String.valueOf(e.getMessage()));
        }
        try (InputStream output = process.getInputStream()) {
            // Probe commands print a line or two, far below a pipe's capacity, so waiting before reading is safe.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new ToolRun(command, TIMED_OUT, "did not finish within " + TIMEOUT_SECONDS + " s and was killed");
            }
            String text = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
            return new ToolRun(command, process.exitValue(), text);
        } catch (IOException e) {
            return new ToolRun(command, process.exitValue(), "(output unreadable: " + e + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new ToolRun(command, TIMED_OUT, "interrupted while waiting");
        }
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** "`unshare --net true` exited 1: unshare: unshare failed: Operation not permitted". */
    public String describe() {
        String shown = "`" + String.join(" ", command) + "`";
        switch (exitCode) {
            case NOT_STARTED:
                return shown + " could not be started: " + output;
            case TIMED_OUT:
                return shown + " " + output;
            default:
                return shown + " exited " + exitCode + (output.isEmpty() ? "" : ": " + output);
        }
    }
}
