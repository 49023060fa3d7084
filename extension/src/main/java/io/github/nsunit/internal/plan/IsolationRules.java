package io.github.nsunit.internal.plan;

import io.github.nsunit.MemoryLimit;
import io.github.nsunit.internal.cgroup.CpuQuota;
import io.github.nsunit.internal.linux.Hostname;
import io.github.nsunit.internal.seccomp.SeccompFilter;

import java.time.Duration;
import java.util.List;

/**
 * What nsunit accepts as isolation, whoever asks: the annotations and the programmatic API both check here, so
 * one cannot let through what the other refuses, and no value reaches the kernel (or the child's command line)
 * to be refused there, where a refusal looks like a host that cannot isolate. Each check returns the value or
 * throws {@link IllegalArgumentException} saying what is wrong and the accepted form; the caller prefixes where
 * the value was written and turns it into its own kind of exception.
 */
public final class IsolationRules {
    /**
     * A child JVM (JDK 17, fast-start options) running one trivial test was OOM-killed at 28 MiB and passed at
     * 32 MiB with its peak at the limit (measured on cgroup v1, see docs/memory-and-limits.md); 36 MiB leaves room
     * for page cache. Below it a limit would test nsunit's start-up, not the user's code.
     */
    public static final long MIN_PROCESS_MEMORY = 36L * 1024 * 1024;
    /** The kernel keeps memory limits in whole pages and rounds a limit down: below one page there is none. */
    public static final long MIN_TEST_MEMORY = 4 * 1024;
    /** A child JVM with the fast-start options needs about this many tasks of its own (threads included). */
    public static final long MIN_PIDS = 24;
    /** The kernel's PID_MAX_LIMIT on 64-bit: {@code pids.max} refuses anything above it with EINVAL. */
    public static final long MAX_PIDS = 4L * 1024 * 1024;

    /**
     * The longest a child may run: far past any test, well inside the nanosecond clock's range (about 292
     * years), since past it {@code System.nanoTime() + timeout} overflows and the child is killed at once, or never.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(36_500);

    /** Who asks, for the examples in messages: {@code @CpuLimit(0.5)} or {@code cpuLimit(0.5)}. */
    public enum Caller {
        ANNOTATION, API;

        String example(String annotation, String method) {
            return this == ANNOTATION ? annotation : method;
        }
    }

    private IsolationRules() {
    }

    /** A memory limit in bytes; {@code scope} decides the least that makes sense. */
    public static long memoryBytes(String text, MemoryLimit.Scope scope, Caller caller) {
        long bytes = MemorySize.parse(text == null ? "" : text).orElseThrow(() -> new IllegalArgumentException(
                "expected " + MemorySize.ACCEPTED + ", greater than zero"));
        if (scope == MemoryLimit.Scope.PROCESS && bytes < MIN_PROCESS_MEMORY) {
            throw new IllegalArgumentException(MemorySize.format(bytes) + " is below the "
                    + MemorySize.format(MIN_PROCESS_MEMORY) + " a child JVM needs to start and run one test (measured:"
                    + " killed at 28 MiB, passes at 32 MiB with nothing to spare). Use at least \""
                    + MIN_PROCESS_MEMORY / (1024 * 1024) + "M\", or "
                    + caller.example("scope = TEST", "MemoryLimit.Scope.TEST") + " to limit only what the "
                    + caller.example("test", "task") + " itself uses on top of the started JVM.");
        }
        if (scope == MemoryLimit.Scope.TEST && bytes < MIN_TEST_MEMORY) {
            throw new IllegalArgumentException(MemorySize.format(bytes) + " is below one "
                    + MemorySize.format(MIN_TEST_MEMORY) + " page, the least the kernel can limit (it rounds a limit"
                    + " down to whole pages): expected at least \"4K\", e.g. "
                    + caller.example("@MemoryLimit(value = \"10M\", scope = TEST)",
                    "memoryLimit(\"10M\", MemoryLimit.Scope.TEST)"));
        }
        return bytes;
    }

    /** A number of cores whose CFS quota the kernel accepts. */
    public static double cpuCores(double cores, Caller caller) {
        if (!CpuQuota.accepts(cores)) {
            throw new IllegalArgumentException("expected a number of cores from " + CpuQuota.MIN_CORES + " to "
                    + CpuQuota.MAX_CORES + " (the kernel's CFS quota range: 1 ms to 2^44-1 µs per "
                    + CpuQuota.PERIOD_MICROS / 1000 + " ms period), e.g. "
                    + caller.example("@CpuLimit(0.5)", "cpuLimit(0.5)"));
        }
        return cores;
    }

    /** A number of tasks a child JVM can start with and {@code pids.max} accepts. */
    public static long pidsMax(long max, Caller caller) {
        if (max < MIN_PIDS) {
            throw new IllegalArgumentException("a child JVM needs about " + MIN_PIDS + " tasks (its own threads) to"
                    + " start; expected " + MIN_PIDS + " or more, e.g. " + caller.example("@PidsLimit(64)",
                    "pidsLimit(64)"));
        }
        if (max > MAX_PIDS) {
            throw new IllegalArgumentException("the kernel's pids.max is at most " + MAX_PIDS + " (PID_MAX_LIMIT);"
                    + " expected " + MIN_PIDS + " to " + MAX_PIDS + ", e.g. " + caller.example("@PidsLimit(64)",
                    "pidsLimit(64)"));
        }
        return max;
    }

    /** System calls to deny: at least one, each known on this architecture. */
    public static List<String> deniedSyscalls(List<String> names, Caller caller) {
        if (names.isEmpty()) {
            // an empty filter would silently deny nothing, which is never what its author meant
            throw new IllegalArgumentException("names no system call to deny; name at least one, e.g. "
                    + caller.example("@DenySyscalls({\"mkdir\", \"mkdirat\"}), or remove the annotation",
                    "denySyscalls(\"mkdir\", \"mkdirat\")"));
        }
        try {
            SeccompFilter.denying(names); // resolves every name for this architecture, or says which is unknown
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    /** How long a child may run before it is killed. */
    public static Duration timeout(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero() || limit.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("expected a positive duration up to " + MAX_TIMEOUT.toDays()
                    + " days, e.g. Duration.ofSeconds(30)");
        }
        return limit;
    }

    /** A host name Linux accepts. */
    public static String hostname(String name) {
        Hostname.validate(name);
        return name;
    }

    /**
     * Options for the child's command line: each must be an option, since the first word that is not becomes the
     * child's main class (and the rest its arguments), which ends in "could not find or load main class".
     */
    public static List<String> jvmOptions(List<String> options) {
        for (String option : options) {
            if (option == null || !(option.startsWith("-") || option.startsWith("@"))) {
                throw new IllegalArgumentException((option == null ? "null" : "\"" + option + "\"")
                        + " is not a JVM option: expected options that each start with '-' (or an @argfile),"
                        + " e.g. -Xmx256m or -Dname=value; anything else would become the child's main class");
            }
        }
        return List.copyOf(options);
    }
}
