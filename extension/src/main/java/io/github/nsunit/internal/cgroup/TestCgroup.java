package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.stage.CommandStage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The cgroup of one isolated test: a leaf directory in each hierarchy its child JVM joins. It reads the
 * figures a verdict needs and, on {@link #close()}, kills whatever is left and removes the directories.
 */
public final class TestCgroup implements AutoCloseable {

    /** How long close() waits for killed processes to leave before reporting the directory as stuck. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final Map<Controller, CgroupDir> byController;
    private final CgroupDir tracking;
    private final CgroupTree tree;
    private final boolean joinThroughSudo;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    TestCgroup(String name, Map<Controller, CgroupDir> byController, CgroupDir tracking, boolean joinThroughSudo,
               Runnable onClose) {
        this.name = name;
        this.byController = Map.copyOf(byController);
        this.tracking = tracking;
        List<CgroupDir> dirs = new ArrayList<>(byController.values());
        dirs.add(tracking);
        this.tree = new CgroupTree(dirs.stream().distinct().collect(Collectors.toList()));
        this.joinThroughSudo = joinThroughSudo;
        this.onClose = onClose;
    }

    /** The leaf's name, the same in every hierarchy (e.g. {@code MyTest.leaks-3}). */
    public String name() {
        return name;
    }

    /**
     * The {@code cgroup.procs} file of every hierarchy the child must join, in no particular order. The
     * launcher writes its own pid into each before it execs the JVM, so the JVM is born inside and sizes its
     * heap from the limit.
     */
    public List<Path> procsFiles() {
        return tree.dirs().stream().map(CgroupDir::procsFile).collect(Collectors.toList());
    }

    /**
     * The launcher stage that joins this cgroup and then execs the rest of the chain: through sudo where the
     * run directory was made that way in a v2 hierarchy (see {@link CgroupAccess}).
     */
    public CommandStage joinStage() {
        return new CgroupJoinStage(procsFiles(), joinThroughSudo);
    }

    /** Sets (or changes) the memory limit of the running cgroup; swap stays disabled. */
    public void setMemoryLimit(long bytes) {
        LimitWriter.memory(require(Controller.MEMORY), bytes);
    }

    /** Bytes charged to the cgroup now (v2 {@code memory.current}, v1 {@code memory.usage_in_bytes}). */
    public long memoryCurrent() {
        CgroupDir memory = require(Controller.MEMORY);
        return CgroupFiles.readLong(memory.file(memory.mount().isV2() ? "memory.current" : "memory.usage_in_bytes"))
                .orElseThrow(() -> new CgroupUnavailableException("No memory usage file in " + memory.path()));
    }

    public CgroupStats stats() {
        Optional<CgroupDir> memory = Optional.ofNullable(byController.get(Controller.MEMORY));
        OptionalLong limit = OptionalLong.empty();
        OptionalLong peak = OptionalLong.empty();
        OptionalLong oomKills = OptionalLong.empty();
        if (memory.isPresent()) {
            CgroupDir dir = memory.get();
            if (dir.mount().isV2()) {
                limit = CgroupFiles.readLimit(dir.file("memory.max"));
                peak = CgroupFiles.readLong(dir.file("memory.peak")); // Linux 5.19 and later
                oomKills = CgroupFiles.readKeyed(dir.file("memory.events"), "oom_kill");
            } else {
                limit = CgroupFiles.readLimit(dir.file("memory.limit_in_bytes"));
                peak = CgroupFiles.readLong(dir.file("memory.max_usage_in_bytes"));
                oomKills = CgroupFiles.readKeyed(dir.file("memory.oom_control"), "oom_kill");
            }
        }
        Optional<CgroupDir> pids = Optional.ofNullable(byController.get(Controller.PIDS));
        OptionalLong pidsHits = pids.map(dir -> CgroupFiles.readKeyed(dir.file("pids.events"), "max"))
                .orElse(OptionalLong.empty());
        OptionalLong throttled = Optional.ofNullable(byController.get(Controller.CPU))
                .map(dir -> CgroupFiles.readKeyed(dir.file("cpu.stat"), "nr_throttled")).orElse(OptionalLong.empty());
        return new CgroupStats(limit, peak, oomKills, cpuUsageNanos(), throttled, pidsHits);
    }

    /** v1 cpuacct counts nanoseconds; every v2 cgroup has {@code cpu.stat usage_usec}, controller or not. */
    private OptionalLong cpuUsageNanos() {
        CgroupDir cpuacct = byController.get(Controller.CPUACCT);
        if (cpuacct != null && !cpuacct.mount().isV2()) {
            return CgroupFiles.readLong(cpuacct.file("cpuacct.usage"));
        }
        for (CgroupDir dir : tree.dirs()) {
            if (dir.mount().isV2()) {
                OptionalLong micros = CgroupFiles.readKeyed(dir.file("cpu.stat"), "usage_usec");
                if (micros.isPresent()) {
                    return OptionalLong.of(micros.getAsLong() * 1000);
                }
            }
        }
        return OptionalLong.empty();
    }

    /** True while any process (or a descendant cgroup's process) is in the cgroup. */
    public boolean isPopulated() {
        return tree.isPopulated();
    }

    /** Kills every process in the cgroup, including ones forked while it runs, and waits (bounded) for them. */
    public void killAll() {
        tree.killAll(KILL_TIMEOUT);
        tree.awaitEmpty(KILL_TIMEOUT);
    }

    /** Kills what is left, waits up to 2 s for it to go, removes every directory; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                tree.destroy(KILL_TIMEOUT);
            } finally {
                onClose.run();
            }
        }
    }

    /** The directory the child is tracked and killed through (v2 where the host has it). */
    Path trackingDirectory() {
        return tracking.path();
    }

    /** The leaf directory in the hierarchy of {@code controller}, if the child joins one. */
    Optional<Path> directory(Controller controller) {
        return Optional.ofNullable(byController.get(controller)).map(CgroupDir::path);
    }

    CgroupTree tree() {
        return tree;
    }

    private CgroupDir require(Controller controller) {
        CgroupDir dir = byController.get(controller);
        if (dir == null) {
            throw new CgroupUnavailableException("The cgroup " + name + " has no " + controller.kernelName()
                    + " controller: this host mounts none usable (" + CgroupLayout.ofThisProcess() + ")");
        }
        return dir;
    }

    @Override
    public String toString() {
        return "TestCgroup[" + tree.dirs().stream().map(d -> d.path().toString()).collect(Collectors.joining(", "))
                + "]";
    }
}
