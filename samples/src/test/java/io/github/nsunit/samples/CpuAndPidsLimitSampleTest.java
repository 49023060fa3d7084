package io.github.nsunit.samples;

import io.github.nsunit.CpuLimit;
import io.github.nsunit.PidsLimit;
import io.github.nsunit.WhenUnavailable;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static io.github.nsunit.WhenUnavailable.Action.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other two limits, and what a test that needs them does on a laptop that cannot give them: it skips,
 * saying why, instead of failing the build there (in Linux CI, where cgroups exist, it runs).
 */
@WhenUnavailable(SKIP)
class CpuAndPidsLimitSampleTest {

    @Test
    @CpuLimit(0.5)
    void aBusyLoopGetsHalfACore() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            Math.sqrt(start); // spin for one second of wall time
        }
        double share = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - start);
        System.out.printf("one second of spinning used %.2f cores%n", share);
        assertThat(share).isLessThan(0.75); // CFS quota: 50 ms of CPU per 100 ms period
    }

    @Test
    @PidsLimit(64)
    void aForkBombStopsAtTheLimit() throws Exception {
        List<Process> started = new ArrayList<>();
        Throwable refused = null;
        try {
            while (started.size() < 200 && refused == null) {
                try {
                    started.add(new ProcessBuilder("sleep", "30").redirectOutput(new File("/dev/null")).start());
                } catch (IOException | OutOfMemoryError e) { // fork refused, or no thread left for the JVM
                    refused = e;
                }
            }
        } finally {
            for (Process process : started) {
                process.destroyForcibly().waitFor();
            }
        }
        System.out.println("started " + started.size() + " processes before: " + refused);
        assertThat(refused).as("a task past the cgroup's 64 (the JVM's own threads count too) is refused").isNotNull();
        assertThat(started.size()).isLessThan(64);
    }
}
