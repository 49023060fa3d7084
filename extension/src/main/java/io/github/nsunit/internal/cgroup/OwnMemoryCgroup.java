package io.github.nsunit.internal.cgroup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The memory cgroup this process lives in, read from inside: what a test may ask about its own memory. */
public final class OwnMemoryCgroup {
    private final Path dir;
    private final boolean v2;

    private OwnMemoryCgroup(Path dir, boolean v2) {
        this.dir = dir;
        this.v2 = v2;
    }

    /** This process's memory cgroup, or empty where no memory controller is mounted. */
    public static Optional<OwnMemoryCgroup> ofThisProcess() {
        CgroupLayout layout = CgroupLayout.ofThisProcess();
        return layout.mountFor(Controller.MEMORY)
                .flatMap(mount -> layout.ownCgroup(mount).map(dir -> new OwnMemoryCgroup(dir, mount.isV2())));
    }

    public OptionalLong currentBytes() {
        return CgroupFiles.readLong(dir.resolve(v2 ? "memory.current" : "memory.usage_in_bytes"));
    }

    public OptionalLong peakBytes() {
        return CgroupFiles.readLong(dir.resolve(v2 ? "memory.peak" : "memory.max_usage_in_bytes"));
    }

    /** Empty when unlimited ({@code max} on v2, a huge number on v1). */
    public OptionalLong limitBytes() {
        OptionalLong limit = CgroupFiles.readLong(dir.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"));
        return limit.isPresent() && limit.getAsLong() < Long.MAX_VALUE / 4 ? limit : OptionalLong.empty();
    }

    public Path directory() {
        return dir;
    }
}
