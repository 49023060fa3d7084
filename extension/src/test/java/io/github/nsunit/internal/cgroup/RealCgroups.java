package io.github.nsunit.internal.cgroup;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for tests against the real kernel: start commands inside a test cgroup and wait for them, bounded. */
final class RealCgroups {

    private RealCgroups() {
    }

    /** The real-kernel tests create cgroups at the hierarchy roots, which needs root. */
    static void assumeRoot() {
        assumeTrue(Files.isWritable(Path.of("/sys/fs/cgroup"))
                        || "root".equals(System.getProperty("user.name")),
                "cgroup tests against the real kernel need root");
    }

    /** Starts {@code sh -c script} born inside {@code cgroup}, output discarded. */
    static Process startIn(TestCgroup cgroup, String script) throws IOException {
        return startIn(cgroup, List.of("/bin/sh", "-c", script));
    }

    static Process startIn(TestCgroup cgroup, List<String> command) throws IOException {
        return new ProcessBuilder(cgroup.joinStage().wrap(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Runs a command inside the cgroup and returns its output; the process is killed if it overruns. */
    static Result runIn(TestCgroup cgroup, List<String> command, long timeoutSeconds) throws Exception {
        Process process = new ProcessBuilder(cgroup.joinStage().wrap(command)).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after " + timeoutSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), new String(out));
        } finally {
            process.destroyForcibly();
        }
    }

    static Result runIn(TestCgroup cgroup, String script, long timeoutSeconds) throws Exception {
        return runIn(cgroup, List.of("/bin/sh", "-c", script), timeoutSeconds);
    }

    /** Every path of the cgroup's leaves that still exists. */
    /** Closes {@code cgroups}, if opened, and checks that no run directory of theirs is left. */
    static void closeLeavingNothing(Cgroups cgroups) {
        if (cgroups != null) {
            List<Path> runs = cgroups.runDirectories();
            cgroups.close();
            org.assertj.core.api.Assertions.assertThat(existing(runs)).as("run directories left after close").isEmpty();
        }
    }

    static List<Path> existing(List<Path> dirs) {
        List<Path> left = new ArrayList<>();
        dirs.stream().filter(Files::exists).forEach(left::add);
        return left;
    }

    record Result(int exitCode, String output) {
    }
}
