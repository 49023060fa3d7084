package io.github.nsunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Records this JVM's peak resident set (VmHWM of /proc/self/status) when it exits, in the directory the
 * benchmark names, unless this JVM is the benchmark itself. A shutdown hook runs after the test, JUnit and the
 * child's own teardown, so the figure covers the child's whole life but for the last few hundred microseconds.
 */
public final class PeakMemory {
    static final String DIR_PROPERTY = "nsunit.bench.hwm-dir";
    static final String BENCH_PID_PROPERTY = "nsunit.bench.pid";

    private PeakMemory() {
    }

    public static void recordAtExit() {
        String dir = System.getProperty(DIR_PROPERTY);
        long self = ProcessHandle.current().pid();
        if (dir == null || Long.toString(self).equals(System.getProperty(BENCH_PID_PROPERTY))) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(l -> l.startsWith("VmHWM") || l.startsWith("Rss")).collect(Collectors.toList());
                Files.write(Path.of(dir, Long.toString(self)), lines);
            } catch (IOException e) {
                System.err.println("bench: cannot record peak memory in " + dir + ": " + e);
            }
        }, "nsunit-bench-peak-memory"));
    }
}
