package io.github.nsunit.internal.cgroup;

/**
 * The CFS quota a number of cores becomes, and the range the kernel accepts: {@code tg_set_cfs_bandwidth}
 * refuses with EINVAL a quota below 1 ms or above 2^44-1 µs per period, for cgroup v2's {@code cpu.max} and
 * v1's {@code cpu.cfs_quota_us} alike (checked on this kernel: 999 and 17592186044416 refused, 1000 and
 * 17592186044415 taken). A refused write looks like a host that cannot isolate, so the range is checked first.
 */
public final class CpuQuota {
    /** The CFS period nsunit uses; the quota is a fraction of it. 100 ms is the kernel's own default. */
    public static final long PERIOD_MICROS = 100_000;
    static final long MIN_MICROS = 1_000;
    static final long MAX_MICROS = (1L << 44) - 1;
    public static final double MIN_CORES = (double) MIN_MICROS / PERIOD_MICROS;
    /** 175921860 cores: what the largest quota is per period, rounded down. */
    public static final long MAX_CORES = MAX_MICROS / PERIOD_MICROS;

    private CpuQuota() {
    }

    /** Whether the kernel takes the quota {@code cores} becomes. */
    public static boolean accepts(double cores) {
        return cores >= MIN_CORES && cores <= MAX_CORES;
    }

    /** The quota per {@link #PERIOD_MICROS} for {@code cores}, which {@link #accepts} must accept. */
    static long micros(double cores) {
        return Math.max(MIN_MICROS, Math.round(cores * PERIOD_MICROS));
    }
}
