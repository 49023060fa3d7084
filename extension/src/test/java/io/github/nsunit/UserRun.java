package io.github.nsunit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole engine run by another user: a parent JVM of its own ({@link LauncherMain}) started as that user
 * through {@code setpriv}, on a copy of this class path readable by everyone (the Maven repository under /root is
 * not), in a working directory the user owns. Keeps each test's result and report entries.
 */
final class UserRun implements AutoCloseable {
    private final Path copy;
    private final Path work;
    private final String output;
    private final Map<String, String[]> results = new HashMap<>();
    private final Map<String, Map<String, String>> entries = new HashMap<>();

    private UserRun(Path copy, Path work, String output) {
        this.copy = copy;
        this.work = work;
        this.output = output;
        for (String line : output.lines().toList()) {
            String[] parts = line.split("\\|", -1);
            if (parts[0].equals("RESULT")) {
                results.put(parts[1] + "/" + parts[2], parts);
            } else if (parts[0].equals("ENTRY")) {
                entries.computeIfAbsent(parts[1] + "/" + parts[2], k -> new HashMap<>()).put(parts[3],
                        parts[4].replace("\\n", "\n").replace("\\\\", "\\"));
            }
        }
    }

    /** The uid of an account made by {@code .ci/setup-users}, or a skipped test saying how to make it. */
    static long uidOf(String account) {
        String uid = Host.run("sh", "-c", "id -u " + account + " 2>/dev/null || true").strip();
        assumeTrue(!uid.isEmpty(), () -> "user " + account + " does not exist: run .ci/setup-users as root");
        return Long.parseLong(uid);
    }

    /**
     * Runs each of {@code runs} ({@code label|fixture class|key=value...}, see {@link LauncherMain}) in one parent
     * JVM as {@code uid}; {@code prefix} goes before setpriv (e.g. a shell that first moves itself into a cgroup).
     */
    static UserRun as(long uid, List<String> prefix, String... runs) throws Exception {
        // not under /tmp: @IsolatedMount gives the child an empty /tmp, where it would find no classes
        Path copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nsunit-test-user-");
        String classPath = Host.copyClassPath(copy);
        Path work = Files.createDirectory(copy.resolve("work"));
        Files.setAttribute(work, "unix:uid", (int) uid);
        Files.setAttribute(work, "unix:gid", Integer.parseInt(gidOf(uid)));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gidOf(uid), "--init-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", classPath,
                LauncherMain.class.getName()));
        command.addAll(List.of(runs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", work.toString());
        Process parent = builder.start();
        String output;
        try {
            output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parent.waitFor(300, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
        System.out.println(output);
        return new UserRun(copy, work, output);
    }

    static String gidOf(long uid) {
        String gid = Host.run("sh", "-c", "getent passwd " + uid + " | cut -d: -f4").strip();
        return gid.isEmpty() ? String.valueOf(uid) : gid;
    }

    Path work() {
        return work;
    }

    String output() {
        return output;
    }

    /** {@code [RESULT, label, method, STATUS, throwable class, message]}, asserted present. */
    String[] result(String labelAndMethod) {
        String[] result = results.get(labelAndMethod);
        assertThat(result).as(output).isNotNull();
        return result;
    }

    void assertPassed(String labelAndMethod) {
        String[] result = result(labelAndMethod);
        assertThat(result[3]).as(String.join("|", result)).isEqualTo("SUCCESSFUL");
    }

    Map<String, String> entries(String labelAndMethod) {
        return entries.getOrDefault(labelAndMethod, Map.of());
    }

    @Override
    public void close() throws IOException {
        Host.deleteTree(copy);
    }
}
