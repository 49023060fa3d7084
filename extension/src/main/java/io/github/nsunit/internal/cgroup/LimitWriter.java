package io.github.nsunit.internal.cgroup;

import java.nio.file.Files;
import java.util.OptionalLong;

/** Writes limits into a cgroup in the files of its version; a refused value names the file and the remedy. */
final class LimitWriter {

    private LimitWriter() {
    }

    /** Sets the memory limit and disables swap, so the limit is on RAM and swap together. */
    static void memory(CgroupDir dir, long bytes) {
        String value = Long.toString(bytes);
        String purpose = "set the memory limit to " + bytes + " bytes";
        if (dir.mount().isV2()) {
            CgroupFiles.write(dir.file("memory.max"), value, purpose);
            if (Files.exists(dir.file("memory.swap.max"))) {
                CgroupFiles.write(dir.file("memory.swap.max"), "0", "disable swap for the memory limit");
            }
            return;
        }
        // v1 requires memsw.limit >= limit at every moment: raise memsw first, lower it last.
        boolean hasMemsw = Files.exists(dir.file("memory.memsw.limit_in_bytes"));
        OptionalLong current = CgroupFiles.readLimit(dir.file("memory.limit_in_bytes"));
        boolean raising = current.isPresent() && bytes > current.getAsLong();
        if (hasMemsw && raising) {
            CgroupFiles.write(dir.file("memory.memsw.limit_in_bytes"), value, purpose + " (memory+swap)");
        }
        CgroupFiles.write(dir.file("memory.limit_in_bytes"), value, purpose);
        if (hasMemsw && !raising) {
            CgroupFiles.write(dir.file("memory.memsw.limit_in_bytes"), value, purpose + " (memory+swap)");
        }
    }

    static void cpu(CgroupDir dir, double cores) {
        long quota = CpuQuota.micros(cores);
        String purpose = "set the cpu quota to " + cores + " cores";
        if (dir.mount().isV2()) {
            CgroupFiles.write(dir.file("cpu.max"), quota + " " + CpuQuota.PERIOD_MICROS, purpose);
        } else {
            CgroupFiles.write(dir.file("cpu.cfs_period_us"), Long.toString(CpuQuota.PERIOD_MICROS), purpose);
            CgroupFiles.write(dir.file("cpu.cfs_quota_us"), Long.toString(quota), purpose);
        }
    }

    static void pids(CgroupDir dir, long max) {
        CgroupFiles.write(dir.file("pids.max"), Long.toString(max), "limit the number of processes to " + max);
    }
}
