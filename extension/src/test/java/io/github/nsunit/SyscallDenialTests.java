package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6: {@code @DenySyscalls} makes the named calls fail with EPERM in the test body, from Java, from a
 * subprocess and from a thread started before the filter; {@code @BeforeEach} runs before it; other calls work.
 */
class SyscallDenialTests {
    private static EngineRun run;

    @BeforeAll
    static void runFixture() {
        run = EngineRun.of(DeniedTestCase.class);
    }

    @AfterAll
    static void forgetRun() {
        run = null;
    }

    @Test
    void everyFixturePasses() {
        run.results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void theDeniedCallFailsWithEpermFromJavaASubprocessAndAnEarlierThread() {
        Map<String, String> test = run.entriesOf("denied").get(0);
        assertThat(test.get("java")).startsWith("java.nio.file.FileSystemException").endsWith("Operation not permitted");
        assertThat(test.get("subprocess")).contains("Operation not permitted").startsWith("exit 1");
        assertThat(test.get("thread from @BeforeEach")).endsWith("Operation not permitted");
        assertThat(test.get("seccomp")).isEqualTo("2");
    }

    @Test
    void otherCallsStillWork() {
        Map<String, String> test = run.entriesOf("denied").get(0);
        assertThat(test.get("write, read, delete")).isEqualTo("works");
    }

    @Test
    void beforeEachRunsBeforeTheFilterIsInstalled() {
        Map<String, String> test = run.entriesOf("denied").get(0);
        assertThat(test.get("mkdir in @BeforeEach")).isEqualTo("created");
        assertThat(test.get("seccomp in @BeforeEach")).isEqualTo("0");
    }

    @Test
    void theMethodsListReplacesTheClasssList() {
        Map<String, String> test = run.entriesOf("methodDeniesSymlinks").get(0);
        assertThat(test.get("mkdir")).isEqualTo("created");
        assertThat(test.get("symlink")).endsWith("Operation not permitted");
    }

    @Test
    void aTestWithoutTheAnnotationHasNoFilter() {
        EngineRun unfiltered = EngineRun.of(UnfilteredTestCase.class);

        unfiltered.results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(unfiltered.entriesOf("unfiltered").get(0).get("seccomp")).isEqualTo("0");
    }

    static String seccompMode() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Seccomp:")).findFirst().orElseThrow().substring(8).strip();
        }
    }

    static String tryMkdir(Path dir) {
        try {
            Files.createDirectory(dir);
            return "created";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @DenySyscalls({"mkdir", "mkdirat"})
    static class DeniedTestCase {
        @TempDir
        Path tmp;
        private String mkdirInBeforeEach;
        private String seccompInBeforeEach;
        private final CountDownLatch go = new CountDownLatch(1);
        private final AtomicReference<String> fromThread = new AtomicReference<>();
        private Thread early;

        @BeforeEach
        void beforeTheFilter() throws IOException {
            mkdirInBeforeEach = tryMkdir(tmp.resolve("from-before-each"));
            seccompInBeforeEach = seccompMode();
            early = new Thread(() -> {
                try {
                    go.await();
                    fromThread.set(tryMkdir(tmp.resolve("from-an-early-thread")));
                } catch (InterruptedException e) {
                    fromThread.set(e.toString());
                }
            }, "nsunit-test-early-thread");
            early.start();
        }

        @Test
        void denied(TestReporter reporter) throws Exception {
            go.countDown();
            early.join();
            Process mkdir = new ProcessBuilder("mkdir", tmp.resolve("from-a-subprocess").toString())
                    .redirectErrorStream(true).start();
            String output = new String(mkdir.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int status = mkdir.waitFor();
            Path file = tmp.resolve("allowed.txt");
            Files.writeString(file, "files still work");
            String works = Files.readString(file).equals("files still work") ? "works" : "broken";
            Files.delete(file);
            reporter.publishEntry(Map.of("java", tryMkdir(tmp.resolve("from-java")),
                    "subprocess", "exit " + status + ": " + output,
                    "thread from @BeforeEach", fromThread.get(),
                    "write, read, delete", works,
                    "mkdir in @BeforeEach", mkdirInBeforeEach,
                    "seccomp in @BeforeEach", seccompInBeforeEach,
                    "seccomp", seccompMode()));
        }

        @Test
        @DenySyscalls({"symlink", "symlinkat"})
        void methodDeniesSymlinks(TestReporter reporter) {
            go.countDown();
            String symlink;
            try {
                Files.createSymbolicLink(tmp.resolve("link"), tmp);
                symlink = "created";
            } catch (IOException e) {
                symlink = e.toString();
            }
            reporter.publishEntry(Map.of("mkdir", tryMkdir(tmp.resolve("allowed-here")), "symlink", symlink));
        }
    }

    static class UnfilteredTestCase {
        @Test
        @Forked
        void unfiltered(TestReporter reporter) throws IOException {
            reporter.publishEntry("seccomp", seccompMode());
        }
    }
}
