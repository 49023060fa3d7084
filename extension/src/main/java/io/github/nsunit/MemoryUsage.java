package io.github.nsunit;

import io.github.nsunit.internal.cgroup.OwnMemoryCgroup;
import org.apiguardian.api.API;

import java.util.OptionalLong;

/**
 * The memory of the test's own child JVM and everything it started, as its cgroup counts it (page cache
 * included). Declare it as a parameter of a test with a {@link MemoryLimit} to assert on it:
 *
 * <pre>{@code
 * @Test
 * @MemoryLimit("256M")
 * void staysSmall(MemoryUsage memory) {
 *     service.handle(bigRequest());
 *     assertThat(memory.peakBytes()).isLessThan(200L * 1024 * 1024);
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MemoryUsage {
    private final OwnMemoryCgroup cgroup;

    MemoryUsage(OwnMemoryCgroup cgroup) {
        this.cgroup = cgroup;
    }

    /** Reads this JVM's memory cgroup; fails when there is none (the test has no {@link MemoryLimit}). */
    public static MemoryUsage ofThisJvm() {
        return new MemoryUsage(OwnMemoryCgroup.ofThisProcess().orElseThrow(() -> new IllegalStateException(
                "this JVM is in no memory cgroup: give the test a @MemoryLimit to measure its memory")));
    }

    /** Bytes charged to the cgroup now. */
    public long currentBytes() {
        return require(cgroup.currentBytes(), "current usage");
    }

    /** The highest charge since the child JVM was born. */
    public long peakBytes() {
        return require(cgroup.peakBytes(), "peak (this kernel has no memory.peak: Linux 5.19 or later)");
    }

    /** The limit in force, empty when unlimited. */
    public OptionalLong limitBytes() {
        return cgroup.limitBytes();
    }

    private long require(OptionalLong value, String what) {
        return value.orElseThrow(() -> new IllegalStateException("cannot read the " + what + " of the memory"
                + " cgroup " + cgroup.directory()));
    }
}
