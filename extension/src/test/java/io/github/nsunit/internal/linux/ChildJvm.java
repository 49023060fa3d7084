package io.github.nsunit.internal.linux;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helper: runs {@link LinuxStepsProbe} in a fresh JVM behind wrapper commands (unshare, setpriv). */
public final class ChildJvm {

    /** Drops to nobody without any namespace: the unprivileged user of the build machine. */
    public static final List<String> NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    private static final long TIMEOUT_SECONDS = 60;

    private final String classPath;

    private ChildJvm(String classPath) {
        this.classPath = classPath;
    }

    /** Runs children with this JVM's own class path. */
    public static ChildJvm withTestClassPath() {
        return new ChildJvm(System.getProperty("java.class.path"));
    }

    /**
     * Runs children with a copy of this JVM's class path in {@code dir}, readable by any user: the Maven
     * repository under /root (mode 700) is out of reach for uid 65534. The caller deletes {@code dir}.
     */
    public static ChildJvm withClassPathCopiedTo(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> copied = new ArrayList<>();
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        for (int i = 0; i < entries.length; i++) {
            Path source = Path.of(entries[i]);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = dir.resolve(i + "-" + source.getFileName());
            copyTree(source, target);
            copied.add(target.toString());
        }
        return new ChildJvm(String.join(File.pathSeparator, copied));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.copy(path, target.resolve(source.relativize(path).toString()));
            }
        }
    }

    /** Runs {@code wrapper... java -cp ... LinuxStepsProbe probeArgs...} and waits for it. */
    public Result run(List<String> wrapper, String... probeArgs) {
        return run(wrapper, List.of(), probeArgs);
    }

    /** Like {@link #run(List, String...)} with extra JVM options. */
    public Result run(List<String> wrapper, List<String> jvmOptions, String... probeArgs) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", classPath, LinuxStepsProbe.class.getName()));
        command.addAll(Arrays.asList(probeArgs));
        return exec(command);
    }

    /** Runs any command (with its stderr merged) and waits for it, killing it and its descendants on timeout. */
    public static Result exec(List<String> command) {
        Process process = null;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Process running = process;
            // Read on another thread so a child that never exits cannot block the timeout.
            var output = new java.util.concurrent.CompletableFuture<String>();
            Thread reader = new Thread(() -> {
                try {
                    output.complete(new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.completeExceptionally(e);
                }
            }, "nsunit-child-output");
            reader.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("Timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(command, process.exitValue(), output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        } catch (Exception e) {
            throw new AssertionError("Failed waiting for " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /** Exit status and merged output of one child. */
    public static final class Result {
        private final List<String> command;
        private final int exitCode;
        private final String output;

        Result(List<String> command, int exitCode, String output) {
            this.command = command;
            this.exitCode = exitCode;
            this.output = output;
        }

        public int exitCode() {
            return exitCode;
        }

        public String output() {
            return output;
        }

        /** The values of every "key=value" line with this key, in order. */
        public List<String> values(String key) {
            return output.lines().filter(line -> line.startsWith(key + "="))
                    .map(line -> line.substring(key.length() + 1)).collect(Collectors.toList());
        }

        /** The value of the single "key=value" line with this key. */
        public String value(String key) {
            List<String> values = values(key);
            if (values.size() != 1) {
                throw new AssertionError("Expected one line \"" + key + "=...\" in the output of " + this);
            }
            return values.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n" + output;
        }
    }
}
