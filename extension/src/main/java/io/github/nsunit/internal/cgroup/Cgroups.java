package io.github.nsunit.internal.cgroup;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.linux.ProcessIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cgroups of one test run (one per JVM): a run directory {@code nsunit-<pid>-<start>-<random>} in each
 * hierarchy used, made on first use under the hierarchy root or a configured base (never beneath this JVM's
 * own cgroup, which belongs to whoever started it), and one leaf per test beneath it. Without root, the run
 * directory goes to the top of a delegated v2 subtree, or is made through sudo and handed over (see
 * {@link CgroupAccess}). Making a run directory also removes those in the same base whose owning JVM died;
 * closing, or the JVM's normal exit, removes this run's.
 */
public final class Cgroups implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Cgroups.class.getName());

    private final CgroupLayout layout;
    private final Optional<Path> base;
    private final RunDirectoryName runName = RunDirectoryName.forThisProcess();
    private final ProcessIdentity self = ProcessIdentity.current();
    private final Map<CgroupMount, CgroupDir> runDirectories = new LinkedHashMap<>();
    private final Map<CgroupMount, CgroupAccess> access = new LinkedHashMap<>();
    private final Set<TestCgroup> open = new LinkedHashSet<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "nsunit-cgroup-cleanup");
    private boolean closed;

    private Cgroups(CgroupLayout layout, Optional<Path> base) {
        this.layout = layout;
        this.base = base;
    }

    /**
     * Detects the hierarchies from {@code /proc/self/mountinfo}. {@code base}, if given, is where run
     * directories go instead of each hierarchy's root: an absolute path inside a cgroup mount (its path
     * relative to that mount is used in every hierarchy), or a relative path resolved in each hierarchy.
     */
    public static Cgroups open(Optional<Path> base) {
        return open(CgroupLayout.ofThisProcess(), base);
    }

    static Cgroups open(CgroupLayout layout, Optional<Path> base) {
        if (layout.mounts().isEmpty()) {
            throw new CgroupUnavailableException("No cgroup filesystem is mounted (read /proc/self/mountinfo):"
                    + " nsunit's memory, cpu and pids limits need one, e.g. `mount -t cgroup2 none /sys/fs/cgroup`.");
        }
        base.ifPresent(b -> validateBase(layout, b));
        Cgroups cgroups = new Cgroups(layout, base);
        Runtime.getRuntime().addShutdownHook(cgroups.shutdownHook);
        return cgroups;
    }

    private static void validateBase(CgroupLayout layout, Path base) {
        if (base.isAbsolute() && layout.mounts().stream().noneMatch(m -> base.normalize().startsWith(m.mountPoint()))) {
            throw new CgroupUnavailableException("The cgroup base " + base + " (" + NsunitProperties.CGROUP_BASE
                    + ") is not inside a mounted cgroup filesystem; the mounted hierarchies are: " + layout
                    + ". Give a directory inside one of them, or a path relative to each hierarchy's root.");
        }
    }

    /**
     * Makes a leaf for one test in every hierarchy the child will join, with {@code limits} applied. The
     * child joins memory, cpu accounting and pids wherever the host has them (for the figures), and always a
     * hierarchy that can track and kill it: v2 where mounted, else v1 pids or freezer.
     */
    public synchronized TestCgroup create(String label, CgroupLimits limits) {
        if (closed) {
            throw new IllegalStateException("The nsunit cgroups of this run are already closed");
        }
        Map<Controller, CgroupMount> joined = joinedMounts(limits);
        CgroupMount trackingMount = trackingMount(joined);
        String name = sanitize(label) + "-" + counter.incrementAndGet();
        Map<CgroupMount, CgroupDir> leaves = new LinkedHashMap<>();
        try {
            Set<CgroupMount> mounts = mounts(joined, trackingMount);
            for (CgroupMount mount : mounts) {
                Path leaf = runDirectory(mount).path().resolve(name);
                mkdir(leaf, mount);
                leaves.put(mount, new CgroupDir(leaf, mount));
            }
            Map<Controller, CgroupDir> byController = new EnumMap<>(Controller.class);
            joined.forEach((controller, mount) -> byController.put(controller, leaves.get(mount)));
            limits.memoryBytes().ifPresent(bytes -> LimitWriter.memory(byController.get(Controller.MEMORY), bytes));
            limits.cpuCores().ifPresent(cores -> LimitWriter.cpu(byController.get(Controller.CPU), cores));
            limits.pidsMax().ifPresent(max -> LimitWriter.pids(byController.get(Controller.PIDS), max));
            TestCgroup[] created = new TestCgroup[1];
            boolean joinThroughSudo = mounts.stream().anyMatch(m -> access.get(m).joinNeedsSudo(m));
            created[0] = new TestCgroup(name, byController, leaves.get(trackingMount), joinThroughSudo,
                    () -> forget(created[0]));
            open.add(created[0]);
            return created[0];
        } catch (RuntimeException e) {
            new CgroupTree(new ArrayList<>(leaves.values())).remove();
            throw e;
        }
    }

    /**
     * A cgroup without limits, if this JVM can make one without sudo (root, a delegated subtree, a configured
     * base): for tracking a child nobody asked limits for, which should not make nsunit call sudo.
     */
    public synchronized Optional<TestCgroup> createWithoutSudo(String label) {
        Map<Controller, CgroupMount> joined = joinedMounts(CgroupLimits.none());
        boolean withoutSudo = mounts(joined, trackingMount(joined)).stream().allMatch(mount ->
                access.containsKey(mount) ? access.get(mount).kind() != CgroupAccess.Kind.SUDO
                        : CgroupAccess.withoutSudo(layout, mount, configuredBase(mount), self).isPresent());
        return withoutSudo ? Optional.of(create(label, CgroupLimits.none())) : Optional.empty();
    }

    /**
     * The hierarchies a child joins: memory, cpu accounting and pids wherever the host has them (for the
     * figures), and those its limits need (or fail).
     */
    private Map<Controller, CgroupMount> joinedMounts(CgroupLimits limits) {
        Map<Controller, CgroupMount> joined = new EnumMap<>(Controller.class);
        joinIfPresent(joined, Controller.MEMORY, limits.memoryBytes().isPresent());
        joinIfPresent(joined, Controller.CPU, limits.cpuCores().isPresent());
        joinIfPresent(joined, Controller.CPUACCT, false);
        joinIfPresent(joined, Controller.PIDS, limits.pidsMax().isPresent());
        if (!trackingMount(joined).isV2()) {
            // Without cgroup.kill, a freezer stops a fork bomb from outrunning the kills.
            joinIfPresent(joined, Controller.FREEZER, false);
        }
        return joined;
    }

    private static Set<CgroupMount> mounts(Map<Controller, CgroupMount> joined, CgroupMount trackingMount) {
        Set<CgroupMount> mounts = new LinkedHashSet<>(joined.values());
        mounts.add(trackingMount);
        return mounts;
    }

    private void joinIfPresent(Map<Controller, CgroupMount> joined, Controller controller, boolean required) {
        Optional<CgroupMount> mount = layout.mountFor(controller);
        if (mount.isPresent()) {
            joined.put(controller, mount.get());
        } else if (required) {
            throw new CgroupUnavailableException("A " + controller.kernelName() + " limit was asked for, but no"
                    + " mounted cgroup hierarchy offers the " + controller.kernelName() + " controller ("
                    + layout + "). On cgroup v2 the controller must be listed in the root's cgroup.controllers;"
                    + " on v1 it needs its own mount, e.g. /sys/fs/cgroup/" + controller.kernelName() + ".");
        }
    }

    private CgroupMount trackingMount(Map<Controller, CgroupMount> joined) {
        return layout.unified()
                .or(() -> layout.mountFor(Controller.PIDS))
                .or(() -> layout.mountFor(Controller.FREEZER))
                .or(() -> joined.values().stream().findFirst())
                .orElseThrow(() -> new CgroupUnavailableException("No cgroup hierarchy can track a test's processes"
                        + " (" + layout + "): nsunit needs cgroup v2, or a v1 pids or freezer hierarchy."));
    }

    /** The run directory in {@code mount}, made on first use after stale ones in the same base are removed. */
    private CgroupDir runDirectory(CgroupMount mount) {
        CgroupDir existing = runDirectories.get(mount);
        if (existing != null) {
            return existing;
        }
        CgroupAccess chosen = CgroupAccess.choose(layout, mount, configuredBase(mount), self);
        Path baseDir = chosen.base();
        requireCgroupDirectory(baseDir, mount);
        StaleRuns.remove(baseDir, mount, chosen);
        Path dir = baseDir.resolve(runName.toString());
        chosen.makeRunDirectory(dir, mount, mount.isV2() ? SubtreeControllers.missing(baseDir) : List.of(), self);
        CgroupDir run = new CgroupDir(dir, mount);
        runDirectories.put(mount, run);
        access.put(mount, chosen);
        if (mount.isV2()) {
            SubtreeControllers.enable(dir);
        }
        return run;
    }

    /** {@code nsunit.cgroup.base} in {@code mount}'s terms, if configured. */
    private Optional<Path> configuredBase(CgroupMount mount) {
        return base.map(b -> {
            if (!b.isAbsolute()) {
                return mount.mountPoint().resolve(b);
            }
            CgroupMount containing = layout.mounts().stream().filter(m -> b.normalize().startsWith(m.mountPoint()))
                    .findFirst().orElseThrow();
            return mount.mountPoint().resolve(containing.mountPoint().relativize(b.normalize()));
        });
    }

    private void requireCgroupDirectory(Path dir, CgroupMount mount) {
        if (!Files.isRegularFile(dir.resolve("cgroup.procs"))) {
            throw new CgroupUnavailableException("The cgroup base " + dir + " (from " + NsunitProperties.CGROUP_BASE + "="
                    + base.map(Path::toString).orElse("<unset>") + ") does not exist in the "
                    + String.join(",", mount.controllers()) + " hierarchy " + mount.mountPoint()
                    + " or is not a cgroup directory. Create it first (mkdir " + dir + "), or unset "
                    + NsunitProperties.CGROUP_BASE + " to use the hierarchy's root.");
        }
    }

    static void mkdir(Path dir, CgroupMount mount) {
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not create the cgroup " + dir + " in the "
                    + (mount.controllers().isEmpty() ? "v2" : String.join(",", mount.controllers()))
                    + " hierarchy: " + CgroupFiles.describe(e) + ". " + CgroupFiles.remedyFor(e), e);
        }
    }

    private synchronized void forget(TestCgroup cgroup) {
        open.remove(cgroup);
    }

    /** The run directories made so far, one per hierarchy used. */
    synchronized List<Path> runDirectories() {
        return runDirectories.values().stream().map(CgroupDir::path).collect(Collectors.toList());
    }

    /** Closes every test cgroup still open, then removes the run directories; idempotent. */
    @Override
    public void close() {
        closeQuietlyOrThrow(true);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private void closeQuietly() {
        closeQuietlyOrThrow(false);
    }

    private void closeQuietlyOrThrow(boolean throwOnFailure) {
        List<String> failures = new ArrayList<>();
        List<TestCgroup> toClose;
        Map<CgroupMount, CgroupDir> runs;
        Map<CgroupMount, CgroupAccess> accesses;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(open);
            runs = new LinkedHashMap<>(runDirectories);
            accesses = new LinkedHashMap<>(access);
        }
        for (TestCgroup cgroup : toClose) {
            try {
                cgroup.close();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        runs.forEach((mount, run) -> {
            try {
                new CgroupTree(List.of(run)).destroy(TestCgroup.KILL_TIMEOUT, Optional.ofNullable(accesses.get(mount)));
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        });
        if (!failures.isEmpty()) {
            String message = "nsunit could not remove its cgroups: " + String.join("; ", failures);
            if (throwOnFailure) {
                throw new CgroupUnavailableException(message);
            }
            System.err.println(message);
        }
    }

    static String sanitize(String label) {
        String clean = label.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty() || clean.startsWith(".")) {
            clean = "test" + clean;
        }
        return clean.length() > 80 ? clean.substring(0, 80) : clean;
    }

    @Override
    public String toString() {
        return "Cgroups[" + runName + " in " + layout + "]";
    }
}
