package io.github.nsunit;

import io.github.nsunit.internal.child.ChildMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With JUnit's parallel execution, isolated tests run at the same time, each in its own namespaces and cgroup,
 * each with its own result, and each child's output is relayed on the thread that runs its test (which is how
 * Surefire and IDEs attribute output to a test).
 */
class ParallelTests {
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
    private static final int LINES = 300;
    /** Parent thread name -> the tests that thread ran, in order, recorded in the parent before each test. */
    private static final Map<String, List<String>> TESTS_OF_THREAD = new ConcurrentHashMap<>();

    @Test
    void concurrentIsolatedTestsKeepTheirOwnNamespacesCgroupsResultsAndOutput() {
        TESTS_OF_THREAD.clear();
        PerThreadOutput output = new PerThreadOutput();
        PrintStream original = System.out;
        System.setOut(new PrintStream(output, true));
        EngineRun run;
        try {
            run = EngineRun.of(ConcurrentTestCase.class, PARALLEL);
        } finally {
            System.setOut(original);
        }

        assertThat(status(run, "first")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(status(run, "second")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.failure("third")).isExactlyInstanceOf(AssertionError.class).hasMessage("third's own failure");
        assertThat(status(run, "fourth")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);

        List<Map<String, String>> entries = List.of("first", "second", "third", "fourth").stream()
                .map(name -> run.entriesOf(name).get(0)).collect(Collectors.toList());
        // a namespace's inode number is reused once it is gone: only tests that overlapped must differ
        for (Map<String, String> a : entries) {
            for (Map<String, String> b : entries) {
                if (a != b && overlap(a, b)) {
                    assertThat(a.get("pid namespace")).as("%s and %s", a.get("name"), b.get("name"))
                            .isNotEqualTo(b.get("pid namespace"));
                }
            }
        }
        assertThat(entries).extracting(e -> e.get("memory cgroup")).doesNotHaveDuplicates()
                .allSatisfy(cgroup -> assertThat(cgroup).contains("/nsunit-"));
        for (Map<String, String> entry : entries) {
            // named after its test, or "spare-N" when its child was started before the test was known
            assertThat(entry.get("memory cgroup")).containsAnyOf("ConcurrentTestCase." + entry.get("name") + "-",
                    "/spare-");
        }
        assertThat(overlapping(entries)).as("tests that ran at the same time as another").isGreaterThanOrEqualTo(2);

        Map<String, String> byThread = output.byThread();
        assertThat(TESTS_OF_THREAD.values().stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("first", "second", "third", "fourth");
        assertThat(byThread.keySet()).isEqualTo(TESTS_OF_THREAD.keySet());
        for (Map.Entry<String, String> thread : byThread.entrySet()) {
            StringBuilder expected = new StringBuilder();
            for (String test : TESTS_OF_THREAD.get(thread.getKey())) {
                for (int i = 0; i < LINES; i++) {
                    expected.append("nsunit-test marker of ").append(test).append(' ').append(i).append('\n');
                }
            }
            List<String> tests = TESTS_OF_THREAD.get(thread.getKey());
            String relayed = thread.getValue().lines().filter(line -> !line.startsWith("[nsunit]"))
                    .map(line -> line + "\n").collect(Collectors.joining());
            assertThat(relayed).as("what thread %s relayed", thread.getKey()).isEqualTo(expected.toString());
            // the figures nsunit prints for a limited test also go out on that test's thread
            assertThat(thread.getValue().lines().filter(line -> line.startsWith("[nsunit]")))
                    .allSatisfy(line -> assertThat(tests).anyMatch(test -> line.contains("." + test + "(")));
        }
    }

    private static TestExecutionResult.Status status(EngineRun run, String test) {
        return run.finished(test).getRequiredPayload(TestExecutionResult.class).getStatus();
    }

    private static int overlapping(List<Map<String, String>> entries) {
        int overlapping = 0;
        for (Map<String, String> a : entries) {
            for (Map<String, String> b : entries) {
                if (a != b && overlap(a, b)) {
                    overlapping++;
                    break;
                }
            }
        }
        return overlapping;
    }

    private static boolean overlap(Map<String, String> a, Map<String, String> b) {
        return Long.parseLong(a.get("start")) < Long.parseLong(b.get("end"))
                && Long.parseLong(b.get("start")) < Long.parseLong(a.get("end"));
    }

    /** Keeps what each thread wrote apart, byte for byte. */
    private static final class PerThreadOutput extends OutputStream {
        private final Map<String, ByteArrayOutputStream> streams = new ConcurrentHashMap<>();

        @Override
        public void write(int b) {
            mine().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            mine().write(b, off, len);
        }

        private ByteArrayOutputStream mine() {
            return streams.computeIfAbsent(Thread.currentThread().getName(), name -> new ByteArrayOutputStream());
        }

        Map<String, String> byThread() {
            Map<String, String> texts = new ConcurrentHashMap<>();
            streams.forEach((thread, bytes) -> texts.put(thread, bytes.toString(StandardCharsets.UTF_8)));
            return texts;
        }
    }

    /** In the parent, notes which thread runs which test. */
    static final class ThreadRecorder implements BeforeTestExecutionCallback {
        @Override
        public void beforeTestExecution(ExtensionContext context) {
            if (!ChildMode.isChild()) {
                TESTS_OF_THREAD.computeIfAbsent(Thread.currentThread().getName(),
                        thread -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(context.getRequiredTestMethod().getName());
            }
        }
    }

    static void work(String name, TestReporter reporter) throws Exception {
        long start = System.currentTimeMillis();
        for (int i = 0; i < LINES; i++) {
            System.out.println("nsunit-test marker of " + name + " " + i);
            if (i % 50 == 0) {
                Thread.sleep(100);
            }
        }
        String cgroup = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(line -> line.contains(":memory:")).findFirst().orElse("none");
        reporter.publishEntry(Map.of("name", name, "pid namespace",
                Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(), "memory cgroup", cgroup,
                "start", String.valueOf(start), "end", String.valueOf(System.currentTimeMillis())));
    }

    @IsolatedPid
    @MemoryLimit("256M")
    @ExtendWith(ThreadRecorder.class)
    static class ConcurrentTestCase {
        @Test
        void first(TestReporter reporter) throws Exception {
            work("first", reporter);
        }

        @Test
        void second(TestReporter reporter) throws Exception {
            work("second", reporter);
        }

        @Test
        void third(TestReporter reporter) throws Exception {
            work("third", reporter);
            throw new AssertionError("third's own failure");
        }

        @Test
        void fourth(TestReporter reporter) throws Exception {
            work("fourth", reporter);
        }
    }
}
