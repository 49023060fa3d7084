package io.github.nsunit;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parent JVM is SIGKILLed while a plain, a PID-namespaced and a memory-limited child run (each with a
 * subprocess of its own): every child JVM is gone within a second, and the next run removes the cgroups and
 * private directories the killed run could not, and kills what was left in its cgroups.
 */
class ParentKillTests {
    @Test
    void childrenDieWithTheirKilledParentAndTheNextRunRemovesWhatItLeft() throws Exception {
        String marker = "nsunit-test-orphan-" + UUID.randomUUID();
        Process parent = parentJvm(ConcurrentParentJvmMain.class, marker, RunningTestCase.class.getName(), "3");
        try {
            awaitReady(parent, marker, 3);
            long parentPid = parent.pid();
            List<ProcessHandle> tree = parent.toHandle().descendants().collect(Collectors.toList());
            List<Long> jvms = tree.stream().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .map(ProcessHandle::pid).collect(Collectors.toList());
            // the three tests' children, and the spares started for the next tests (kept per kind, and those of a
            // kind crowded out that are still being closed): every one must die
            assertThat(jvms).as("child JVMs of the parent").hasSizeGreaterThanOrEqualTo(3);
            assertThat(Processes.matching(marker)).as("subprocesses of the children").hasSize(3);
            // a channel's directory goes as soon as both its ends are open: a killed parent cannot leave one
            assertThat(shmDirectoriesOf(parentPid)).isEmpty();
            assertThat(cgroupRunDirectoriesOf(parentPid)).isNotEmpty();

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(parent.waitFor()).isEqualTo(137);

            for (long jvm : jvms) {
                assertThat(Processes.gone(jvm, Duration.ofSeconds(1))).as("child JVM %d a second later", jvm).isTrue();
            }
            List<String> survivors = Processes.remaining(marker, Duration.ofSeconds(1));
            System.err.println("nsunit figure: after the parent's SIGKILL, alive a second later: " + survivors);
            assertThat(survivors).as("only the plain child's and the cgroup's subprocess outlive a killed parent")
                    .extracting(line -> line.substring(line.indexOf(' ') + 1))
                    .containsExactlyInAnyOrder(marker + "-plain 300", marker + "-limited 300");
            assertThat(shmDirectoriesOf(parentPid)).as("left by the killed run").isEmpty();
            assertThat(cgroupRunDirectoriesOf(parentPid)).as("left by the killed run").isNotEmpty();

            Process next = parentJvm(ParentJvmMain.class, marker + "-next", LimitedTestCase.class.getName());
            String output = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(next.waitFor()).as(output).isZero();

            assertThat(cgroupRunDirectoriesOf(parentPid)).as("removed by the next run").isEmpty();
            assertThat(Processes.remaining(marker + "-limited", Duration.ofSeconds(1)))
                    .as("killed with the stale cgroup by the next run").isEmpty();
        } finally {
            parent.destroyForcibly();
            Processes.kill(marker);
        }
    }

    private static Process parentJvm(Class<?> main, String marker, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + Processes.MARKER_PROPERTY + "=" + marker, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Waits until each of the {@code count} running tests has started its marked subprocess. Their output is no
     * signal: a parent running tests in parallel prints a child's output only as that test ends.
     */
    private static void awaitReady(Process parent, String marker, int count) throws InterruptedException {
        StringBuffer seen = new StringBuffer();
        Thread drain = new Thread(() -> {
            try {
                parent.getInputStream().transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        seen.append((char) b);
                    }
                });
            } catch (IOException ended) {
                // the parent was killed: what it printed so far is in seen
            }
        });
        drain.setDaemon(true);
        drain.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Processes.matching(marker).size() < count) {
            if (!parent.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the parent JVM's children did not all start their subprocess:\n" + seen);
            }
            Thread.sleep(20);
        }
    }

    /** The private directories (/dev/shm/nsunit-PID-*) of the parent JVM {@code pid}. */
    private static List<Path> shmDirectoriesOf(long pid) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/dev/shm"), "nsunit-" + pid + "-*")) {
            dirs.forEach(found::add);
        }
        return found;
    }

    /** The cgroup run directories (/sys/fs/cgroup/{@literal *}/nsunit-PID-*) of the parent JVM {@code pid}. */
    static List<Path> cgroupRunDirectoriesOf(long pid) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies) {
                if (!Files.isDirectory(hierarchy)) {
                    continue;
                }
                try (DirectoryStream<Path> runs = Files.newDirectoryStream(hierarchy, "nsunit-" + pid + "-*")) {
                    runs.forEach(found::add);
                }
            }
        }
        return found;
    }

    static void startSleepAndReport(String kind) throws Exception {
        String name = System.getProperty(Processes.MARKER_PROPERTY) + "-" + kind;
        new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300", name)
                .redirectOutput(new File("/dev/null")).start();
        Thread.sleep(60_000);
    }

    static class RunningTestCase {
        @Test
        @Forked
        void plain() throws Exception {
            startSleepAndReport("plain");
        }

        @Test
        @IsolatedPid
        void pidNamespace() throws Exception {
            startSleepAndReport("pid");
        }

        @Test
        @MemoryLimit("256M")
        void limited() throws Exception {
            startSleepAndReport("limited");
        }
    }

    static class LimitedTestCase {
        @Test
        @MemoryLimit("256M")
        void passes() {
        }
    }
}
