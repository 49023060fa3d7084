package io.github.nsunit.internal.cgroup;

import java.util.OptionalLong;

/**
 * Figures read from a test's cgroup after (or while) its processes ran; empty where the host cannot tell
 * (no such controller joined, or {@code memory.peak} missing on cgroup v2 before Linux 5.19).
 *
 * @param memoryLimitBytes the memory limit in force, empty when unlimited
 * @param memoryPeakBytes the highest memory charge seen (v2 {@code memory.peak}, v1 {@code memory.max_usage_in_bytes})
 * @param oomKills processes the kernel OOM-killed in this cgroup (v2 {@code memory.events}, v1 {@code memory.oom_control})
 * @param cpuUsageNanos CPU time used by every process that ran in the cgroup
 * @param cpuThrottledPeriods CFS periods in which the cpu quota stopped the cgroup ({@code cpu.stat nr_throttled})
 * @param pidsLimitHits forks refused because the pids limit was reached ({@code pids.events max})
 */
public record CgroupStats(OptionalLong memoryLimitBytes, OptionalLong memoryPeakBytes, OptionalLong oomKills,
        OptionalLong cpuUsageNanos, OptionalLong cpuThrottledPeriods, OptionalLong pidsLimitHits) {
}
