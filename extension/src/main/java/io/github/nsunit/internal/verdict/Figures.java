package io.github.nsunit.internal.verdict;

import io.github.nsunit.internal.cgroup.CgroupStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** A cgroup's figures in words: {@code limit 64 MiB, peak 64 MiB, 1 OOM kill}. */
public final class Figures {
    private Figures() {
    }

    static String memory(TestFacts facts) {
        if (facts.stats().isEmpty()) {
            return "no cgroup figures";
        }
        CgroupStats stats = facts.stats().get();
        List<String> parts = new ArrayList<>();
        stats.memoryLimitBytes().ifPresent(limit -> parts.add("limit " + bytes(limit)));
        parts.add("peak " + (stats.memoryPeakBytes().isPresent() ? bytes(stats.memoryPeakBytes().getAsLong())
                : "unknown (this kernel has no memory.peak)"));
        OptionalLong kills = stats.oomKills();
        if (kills.isPresent() && kills.getAsLong() > 0) {
            parts.add(kills.getAsLong() + " OOM kill" + (kills.getAsLong() == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }

    /** {@code 31 MiB}, {@code 1.5 GiB}: binary units, one decimal where it matters. */
    public static String bytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
        }
        return mib >= 10 || mib == Math.rint(mib) ? Math.round(mib) + " MiB"
                : String.format(Locale.ROOT, "%.1f MiB", mib);
    }
}
