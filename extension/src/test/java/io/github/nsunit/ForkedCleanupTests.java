package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Point 10: no child, nor anything it started, outlives its test, even when the parent JVM is SIGKILLed. */
class ForkedCleanupTests {
    private static final Pattern READY = Pattern.compile("nsunit-test child ready (\\d+)");

    @Test
    void theChildDiesWithinASecondWhenItsParentJvmIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ParentJvmMain.class.getName(), SleepingTestCase.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Optional<ProcessHandle> child = Optional.empty();
        Path channel = null;
        try {
            long childPid = awaitReadyChild(parent);
            child = ProcessHandle.of(childPid);
            // the killed parent cannot delete its child's private directory: this test does
            channel = Files.readSymbolicLink(Path.of("/proc", String.valueOf(childPid), "fd", "3"));
            assertThat(child).isPresent();
            assertThat(parent.toHandle().descendants().map(ProcessHandle::pid)).contains(childPid);
            assertThat(child.get().info().commandLine()).hasValueSatisfying(
                    line -> assertThat(line).contains("io.github.nsunit.internal.child.ChildMain"));

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(parent.waitFor()).isEqualTo(137);

            assertThat(gone(child.get(), Duration.ofSeconds(1))).as("child %d gone a second after its parent", childPid)
                    .isTrue();
        } finally {
            parent.destroyForcibly();
            child.ifPresent(ProcessHandle::destroyForcibly);
            if (channel != null && channel.getFileName().toString().equals("channel")) {
                Files.deleteIfExists(channel);
                Files.deleteIfExists(channel.getParent());
            }
        }
    }

    @Test
    void aSubprocessTheTestLeftRunningIsKilledWithTheChild() throws Exception {
        String marker = "nsunit-test-leak-" + UUID.randomUUID();
        System.setProperty(Processes.MARKER_PROPERTY, marker);
        try {
            EngineRun run = EngineRun.of(LeavesSubprocessTestCase.class);

            run.results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            assertThat(run.entriesOf("startsSleep").get(0)).containsKey("sleep pid");
            assertThat(Host.processesMatching(marker, Duration.ofSeconds(2))).as("processes named %s", marker).isEmpty();
        } finally {
            System.clearProperty(Processes.MARKER_PROPERTY);
            new ProcessBuilder("pkill", "-KILL", "-f", marker).start().waitFor();
        }
    }

    private static long awaitReadyChild(Process parent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                return Long.parseLong(ready.group(1));
            }
        }
        throw new AssertionError("the parent JVM ended before its child said it was ready; exit status "
                + parent.onExit().join().exitValue());
    }

    /** Whether the process has ended within the time: a zombie counts as ended, it runs no code any more. */
    private static boolean gone(ProcessHandle process, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ended(process)) {
                return true;
            }
            Thread.sleep(20);
        }
        return ended(process);
    }

    private static boolean ended(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException noSuchProcess) {
            return true;
        }
    }

    static class SleepingTestCase {
        @Test
        @Forked
        void sleeps() throws InterruptedException {
            System.out.println("nsunit-test child ready " + ProcessHandle.current().pid());
            Thread.sleep(60_000);
        }
    }

    @Forked
    static class LeavesSubprocessTestCase {
        @Test
        void startsSleep(TestReporter reporter) throws IOException {
            // exec -a names the sleep after the marker, so pgrep -f finds exactly it
            Process sleep = new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300",
                    System.getProperty(Processes.MARKER_PROPERTY)).redirectOutput(new File("/dev/null")).start();
            reporter.publishEntry("sleep pid", String.valueOf(sleep.pid()));
        }
    }
}
