package io.github.nsunit;

import io.github.nsunit.ExpectOutOfMemory.Kind;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 1: the child runs one test, so how the parent's run is parallelised must not change how the child
 * runs it. Parallel settings reach the child through {@code junit-platform.properties} on its class path or
 * through system properties (what this test uses); the same verdict matrix runs with parallel execution off, on
 * in {@code same_thread} mode and on in {@code concurrent} mode, and every verdict must be the same.
 */
class ParallelConfigurationVerdictTests {
    private static final String ENABLED = "junit.jupiter.execution.parallel.enabled";
    private static final String MODE = "junit.jupiter.execution.parallel.mode.default";

    @Test
    void everyVerdictIsTheSameWithParallelExecutionOffOrOnInEitherMode() throws IOException {
        Map<String, String> off = verdicts(Map.of());
        Map<String, String> sameThread = verdicts(Map.of(ENABLED, "true", MODE, "same_thread"));
        Map<String, String> concurrent = verdicts(Map.of(ENABLED, "true", MODE, "concurrent"));

        assertThat(off).containsEntry("passes()", "SUCCESSFUL")
                .containsEntry("fails()", "FAILED AssertionError")
                .containsEntry("aborts()", "ABORTED TestAbortedException")
                .containsEntry("heapOutOfMemory()", "SUCCESSFUL")
                .containsEntry("killedOutOfMemory()", "SUCCESSFUL")
                .containsEntry("exits()", "FAILED ChildJvmException SYSTEM_EXIT")
                .containsEntry("timesOut()", "FAILED TimeoutException")
                .containsEntry("crashes()", "FAILED ChildJvmException CRASHED")
                .containsEntry("startsProcessesUntilRefused()", "SUCCESSFUL");
        assertThat(sameThread).as("parallel on, same_thread").isEqualTo(off);
        assertThat(concurrent).as("parallel on, concurrent").isEqualTo(off);
    }

    /**
     * Runs the matrix with {@code parallel} as the parent's configuration and as system properties, which the
     * child inherits: test display name to "STATUS [throwable class [reason]]".
     */
    private static Map<String, String> verdicts(Map<String, String> parallel) throws IOException {
        Path crashReports = Files.createTempDirectory("nsunit-test-crash-");
        Map<String, String> configuration = new LinkedHashMap<>(parallel);
        configuration.put(Forked.CHILD_JVM_ARGS_PROPERTY_NAME,
                "-XX:ErrorFile=" + crashReports.resolve("hs_err_pid%p.log") + " -XX:-CreateCoredumpOnCrash");
        parallel.forEach(System::setProperty);
        EngineRun run;
        try {
            run = EngineRun.of(MatrixTestCase.class, configuration);
        } finally {
            parallel.keySet().forEach(System::clearProperty);
            try (Stream<Path> files = Files.list(crashReports)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(crashReports);
        }
        Map<String, String> verdicts = new TreeMap<>();
        for (Event event : run.results.testEvents().finished().list()) {
            TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
            String verdict = result.getStatus() + result.getThrowable().map(t -> " " + className(t)
                    + (t instanceof ChildJvmException e ? " " + e.reason() : "")).orElse("");
            verdicts.put(event.getTestDescriptor().getDisplayName(), verdict);
        }
        assertThat(run.results.containerEvents().failed().count()).as("failed containers with %s", parallel)
                .isZero();
        return verdicts;
    }

    private static String className(Throwable throwable) {
        return throwable instanceof ThrowableStandIn standIn ? standIn.originalClassName()
                : throwable.getClass().getSimpleName();
    }

    @Forked
    static class MatrixTestCase {
        @Test
        void passes() {
        }

        @Test
        void fails() {
            throw new AssertionError("its own failure");
        }

        @Test
        void aborts() {
            Assumptions.abort("its own reason");
        }

        @Test
        @MemoryLimit("128M")
        @ExpectOutOfMemory(Kind.HEAP)
        void heapOutOfMemory() {
            OutOfMemoryVerdictTests.leakHeap();
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        @ExpectOutOfMemory(Kind.KILLED)
        void killedOutOfMemory() {
            OutOfMemoryVerdictTests.leakOffHeap();
        }

        @Test
        void exits() {
            System.exit(3);
        }

        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void timesOut() throws InterruptedException {
            Thread.sleep(10_000);
        }

        @Test
        void crashes() throws Exception {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
        }

        @Test
        @PidsLimit(24)
        void startsProcessesUntilRefused() throws Exception {
            List<Process> started = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    try {
                        started.add(new ProcessBuilder("sleep", "30").redirectOutput(new File("/dev/null")).start());
                    } catch (IOException | OutOfMemoryError refused) {
                        // pids counts threads too: either the fork or the JVM's process reaper thread is refused
                        return;
                    }
                }
                throw new AssertionError("100 processes started under @PidsLimit(24)");
            } finally {
                for (Process process : started) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS); // nsunit.leaks would fail the test
                }
            }
        }
    }
}
