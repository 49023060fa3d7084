package io.github.nsunit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of this machine as {@code /proc} shows them, found by a marker in their command line: tests
 * name what they start after a unique marker ({@code exec -a MARKER sleep 300}) so they can find, and kill,
 * exactly that and nothing else.
 */
final class Processes {
    /** The system property a test's fixtures read their marker from (children inherit it). */
    static final String MARKER_PROPERTY = "nsunit.test.marker";

    private Processes() {
    }

    /** A marker no other run shares: {@code nsunit-test-KIND-} and a random UUID. */
    static String newMarker(String kind) {
        return "nsunit-test-" + kind + "-" + java.util.UUID.randomUUID();
    }

    /** Runs {@code run} with {@code marker} as {@link #MARKER_PROPERTY}, cleared afterwards. */
    static <T> T withMarker(String marker, java.util.function.Supplier<T> run) {
        System.setProperty(MARKER_PROPERTY, marker);
        try {
            return run.get();
        } finally {
            System.clearProperty(MARKER_PROPERTY);
        }
    }

    /**
     * {@code "pid command line"} of each live (not zombie) process whose command line starts with {@code marker}
     * (its argv[0]: a JVM that merely has the marker among its system properties does not match).
     */
    static List<String> matching(String marker) {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String commandLine = commandLine(proc);
                if (commandLine.startsWith(marker) && !zombie(proc)
                        && !proc.getFileName().toString().equals(String.valueOf(ProcessHandle.current().pid()))) {
                    found.add(proc.getFileName() + " " + commandLine);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** The processes matching {@code marker} once they have had {@code within} to go (empty when all went). */
    static List<String> remaining(String marker, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> found = matching(marker);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = matching(marker);
        }
        return found;
    }

    /** SIGKILLs each process matching the marker, by pid: cleanup after a test that expected them gone. */
    static void kill(String marker) {
        for (String process : matching(marker)) {
            ProcessHandle.of(Long.parseLong(process.substring(0, process.indexOf(' '))))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Whether the process has ended within the time: a zombie counts as ended, it runs no code any more. */
    static boolean gone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ended(pid)) {
                return true;
            }
            Thread.sleep(10);
        }
        return ended(pid);
    }

    static boolean ended(long pid) {
        return zombie(Path.of("/proc", String.valueOf(pid))) || !Files.exists(Path.of("/proc", String.valueOf(pid)));
    }

    /** The number of entries in {@code /proc/self/fd}: this JVM's open file descriptors. */
    static long openDescriptors() {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            long count = 0;
            for (Path ignored : fds) {
                count++;
            }
            return count - 1; // the directory stream's own descriptor
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException goneMeanwhile) {
            return "";
        }
    }

    private static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException goneMeanwhile) {
            return false;
        }
    }
}
