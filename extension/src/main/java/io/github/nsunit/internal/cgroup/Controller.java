package io.github.nsunit.internal.cgroup;

/** The cgroup controllers nsunit uses, by the name the kernel gives them in both cgroup versions. */
enum Controller {
    MEMORY("memory"),
    CPU("cpu"),
    /** v1 only: CPU time accounting; v2 reports it in every cgroup's {@code cpu.stat}. */
    CPUACCT("cpuacct"),
    PIDS("pids"),
    /** v1 only: stops processes from forking while they are being killed; v2 has {@code cgroup.kill}. */
    FREEZER("freezer");

    private final String kernelName;

    Controller(String kernelName) {
        this.kernelName = kernelName;
    }

    String kernelName() {
        return kernelName;
    }
}
