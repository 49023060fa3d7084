package io.github.nsunit.internal.verdict;

import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.text.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** A cgroup's figures in words: {@code limit 64 MiB, peak 64 MiB, 1 OOM kill}. */
final class Figures {
    private Figures() {
    }

    static String memory(TestFacts facts) {
        if (facts.stats().isEmpty()) {
            return "no cgroup figures";
        }
        CgroupStats stats = facts.stats().get();
        List<String> parts = new ArrayList<>();
        stats.memoryLimitBytes().ifPresent(limit -> parts.add("limit " + Bytes.format(limit)));
        parts.add("peak " + (stats.memoryPeakBytes().isPresent() ? Bytes.format(stats.memoryPeakBytes().getAsLong())
                : "unknown (this kernel has no memory.peak)"));
        OptionalLong kills = stats.oomKills();
        if (kills.isPresent() && kills.getAsLong() > 0) {
            parts.add(kills.getAsLong() + " OOM kill" + (kills.getAsLong() == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }
}
