package io.github.nsunit.internal.cgroup;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The limits one test's cgroup gets; an empty value means "no limit". Swap is always disabled when memory is
 * limited, so a limit means what it says on hosts with swap. The constructor's checks are a last guard against
 * nsunit's own mistakes: what users write is checked first, with their words, by {@code IsolationRules}.
 */
public record CgroupLimits(OptionalLong memoryBytes, OptionalDouble cpuCores, OptionalLong pidsMax) {

    private static final CgroupLimits NONE = new CgroupLimits(OptionalLong.empty(), OptionalDouble.empty(),
            OptionalLong.empty());

    public CgroupLimits {
        memoryBytes.ifPresent(bytes -> require(bytes > 0, "memory limit must be positive, got " + bytes));
        cpuCores.ifPresent(cores -> require(CpuQuota.accepts(cores),
                "cpu quota must be " + CpuQuota.MIN_CORES + " to " + CpuQuota.MAX_CORES + " cores, got " + cores));
        pidsMax.ifPresent(max -> require(max > 0, "pids limit must be positive, got " + max));
    }

    public static CgroupLimits none() {
        return NONE;
    }

    public CgroupLimits withMemoryBytes(long bytes) {
        return new CgroupLimits(OptionalLong.of(bytes), cpuCores, pidsMax);
    }

    public CgroupLimits withCpuCores(double cores) {
        return new CgroupLimits(memoryBytes, OptionalDouble.of(cores), pidsMax);
    }

    public CgroupLimits withPidsMax(long max) {
        return new CgroupLimits(memoryBytes, cpuCores, OptionalLong.of(max));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
