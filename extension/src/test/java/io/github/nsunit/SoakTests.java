package io.github.nsunit;

import io.github.nsunit.internal.child.ChildMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many isolated tests (PID namespace and memory limit) in one run: the parent's heap after GC, thread count,
 * open descriptors and pipes stay flat, and nothing is left afterwards. 20 by default; the full soak is
 * {@code mvn -o -pl extension test -Dtest=SoakTests -Dnsunit.soak=1000} (1.1 s a test on a 2-core machine: 18 min).
 */
class SoakTests {
    static final String COUNT_PROPERTY = "nsunit.soak";
    private static final List<Vitals> VITALS = new ArrayList<>();

    @Test
    void manyIsolatedTestsLeaveTheParentFlatAndNothingBehind() throws IOException {
        int count = count();
        VITALS.clear();
        long start = System.nanoTime();
        EngineRun run = EngineRun.of(SoakTestCase.class, Map.of(Forked.LEAKS_PROPERTY_NAME, "fail"));
        long perTestMillis = (System.nanoTime() - start) / 1_000_000 / count;

        run.results.testEvents().assertStatistics(stats -> stats.succeeded(count).failed(0));
        assertThat(VITALS).hasSize(3);
        Vitals first = VITALS.get(0);
        Vitals middle = VITALS.get(1);
        Vitals last = VITALS.get(2);
        System.err.printf("nsunit figure: soak of %d isolated tests, %d ms a test; heap after GC %d/%d/%d KiB,"
                        + " threads %d/%d/%d, fds %d/%d/%d, pipes %d/%d/%d (after test 1/%d/%d)%n", count, perTestMillis,
                first.heapKib, middle.heapKib, last.heapKib, first.threads, middle.threads, last.threads,
                first.fds, middle.fds, last.fds, first.pipes, middle.pipes, last.pipes, count / 2, count);
        assertThat(last.threads).as("threads").isLessThanOrEqualTo(first.threads + 2);
        assertThat(last.fds).as("open descriptors").isLessThanOrEqualTo(first.fds + 4);
        assertThat(last.pipes).as("open pipes").isLessThanOrEqualTo(first.pipes);
        assertThat(last.heapKib - first.heapKib).as("heap growth in KiB").isLessThan(16 * 1024);

        long self = ProcessHandle.current().pid();
        assertThat(ProcessHandle.current().descendants()).as("processes left").isEmpty();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/dev/shm"), "nsunit-" + self + "-*")) {
            assertThat(dirs).as("private directories left").isEmpty();
        }
        for (Path runDirectory : ParentKillTests.cgroupRunDirectoriesOf(self)) {
            try (DirectoryStream<Path> leaves = Files.newDirectoryStream(runDirectory, p -> Files.isDirectory(p))) {
                assertThat(leaves).as("test cgroups left in %s", runDirectory).isEmpty();
            }
        }
    }

    static int count() {
        return Integer.getInteger(COUNT_PROPERTY, 20);
    }

    static IntStream invocations() {
        return IntStream.rangeClosed(1, count());
    }

    /** The parent's figures after one test. */
    record Vitals(long heapKib, int threads, long fds, long pipes) {
        static Vitals now() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            return new Vitals(heap, ManagementFactory.getThreadMXBean().getThreadCount(), Processes.openDescriptors(),
                    countPipes());
        }

        private static long countPipes() {
            long pipes = 0;
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
                for (Path fd : fds) {
                    try {
                        if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
                            pipes++;
                        }
                    } catch (IOException closedMeanwhile) {
                        // the directory stream's own descriptor, or one closed while listing
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return pipes;
        }
    }

    /** Records the parent's vitals after the first, the middle and the last test; does nothing in a child. */
    static final class ParentVitals implements AfterTestExecutionCallback {
        private static int finished;

        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (ChildMode.isChild()) {
                return;
            }
            finished = VITALS.isEmpty() ? 1 : finished + 1;
            if (finished == 1 || finished == count() / 2 || finished == count()) {
                VITALS.add(Vitals.now());
            }
        }
    }

    @IsolatedPid
    @MemoryLimit("256M")
    @ExtendWith(ParentVitals.class)
    static class SoakTestCase {
        @ParameterizedTest
        @MethodSource("io.github.nsunit.SoakTests#invocations")
        void isolated(int invocation) {
            assertThat(ProcessHandle.current().pid()).isLessThan(10);
            assertThat(invocation).isPositive();
        }
    }
}
