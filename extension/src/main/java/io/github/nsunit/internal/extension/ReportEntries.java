package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.text.Bytes;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a limited test, as report entries (IDEs and the console launcher show them) and as one line
 * of the test's output, which is what Maven Surefire keeps (it drops report entries).
 */
final class ReportEntries {
    static final String MEMORY_LIMIT = "nsunit.memory.limit";
    static final String MEMORY_PEAK = "nsunit.memory.peak";
    static final String OOM_KILLS = "nsunit.memory.oom-kills";
    static final String CPU_TIME = "nsunit.cpu.time";
    static final String CPU_THROTTLED = "nsunit.cpu.throttled-periods";
    static final String PIDS_REFUSED = "nsunit.pids.refused-forks";

    private ReportEntries() {
    }

    static void publish(ExtensionContext context, CgroupStats stats, TestOutputSink output) {
        Map<String, String> entry = of(stats);
        context.publishReportEntry(entry);
        StringBuilder line = new StringBuilder("[nsunit] ").append(TestNames.of(context)).append(':');
        entry.forEach((key, value) -> line.append(' ').append(key.substring("nsunit.".length())).append('=').append(value));
        output.line(line.toString());
    }

    static Map<String, String> of(CgroupStats stats) {
        Map<String, String> entry = new LinkedHashMap<>();
        stats.memoryLimitBytes().ifPresent(v -> entry.put(MEMORY_LIMIT, Bytes.format(v)));
        stats.memoryPeakBytes().ifPresent(v -> entry.put(MEMORY_PEAK, Bytes.format(v)));
        stats.oomKills().ifPresent(v -> entry.put(OOM_KILLS, Long.toString(v)));
        stats.cpuUsageNanos().ifPresent(v -> entry.put(CPU_TIME, v / 1_000_000 + " ms"));
        stats.cpuThrottledPeriods().ifPresent(v -> entry.put(CPU_THROTTLED, Long.toString(v)));
        stats.pidsLimitHits().ifPresent(v -> entry.put(PIDS_REFUSED, Long.toString(v)));
        return entry;
    }
}
