package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cgroup.CgroupLimits;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.TestCgroup;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The cgroup each child is born in, made afresh for every child it starts, a spare started before its test
 * is known included (so a limited test's child can be started ahead too):
 * <ul>
 * <li>{@link #withLimits}: what the test's annotations ask for; a host that cannot give it fails the start;
 * <li>{@link #tracking}: a cgroup without limits for a child that asks for none, so that everything it starts,
 * also what detaches itself from its process tree (setsid, a double fork), is killed with it, and what a killed
 * parent left is removed by the next run. Only where nsunit may create cgroups without sudo (root, a delegated
 * cgroup v2 subtree, a configured base): nobody asked for limits, so nobody expects sudo. Elsewhere the child
 * goes without: once the host says no, not asked again. A cgroup that fails to be made where the host allows
 * them costs only that child (it runs untracked, with a warning naming the failure); the next child tries
 * again, and only {@value #FAILURES_BEFORE_GIVING_UP} failures in a row switch tracking off, saying so.
 * </ul>
 */
public final class ChildCgroup {
    static final int FAILURES_BEFORE_GIVING_UP = 3;
    private static volatile boolean trackingRefused;
    private static final AtomicInteger failuresInARow = new AtomicInteger();
    private final Supplier<Cgroups> cgroups;
    private final Optional<CgroupLimits> limits;
    private final String label;

    private ChildCgroup(Supplier<Cgroups> cgroups, Optional<CgroupLimits> limits, String label) {
        this.cgroups = cgroups;
        this.limits = limits;
        this.label = label;
    }

    /** @param label names the test's cgroup (e.g. {@code Demo.leaks}: the directory becomes {@code Demo.leaks-3}) */
    public static ChildCgroup withLimits(Supplier<Cgroups> cgroups, CgroupLimits limits, String label) {
        return new ChildCgroup(cgroups, Optional.of(limits), label);
    }

    public static ChildCgroup tracking(Supplier<Cgroups> cgroups, String label) {
        return new ChildCgroup(cgroups, Optional.empty(), label);
    }

    /**
     * A cgroup for one child: named after the test, or {@code spare} for a child whose test is not known yet.
     *
     * @throws CgroupUnavailableException when limits were asked for and the host cannot give them
     */
    public Optional<TestCgroup> create(boolean spare) {
        String name = spare ? "spare" : label;
        if (limits.isPresent()) {
            return Optional.of(cgroups.get().create(name, limits.get()));
        }
        if (trackingRefused) {
            return Optional.empty();
        }
        try {
            Optional<TestCgroup> cgroup = cgroups.get().createWithoutSudo(name);
            trackingRefused = cgroup.isEmpty();
            failuresInARow.set(0);
            return cgroup;
        } catch (CgroupUnavailableException | IllegalStateException e) {
            int failures = failuresInARow.incrementAndGet();
            boolean givingUp = failures >= FAILURES_BEFORE_GIVING_UP;
            trackingRefused = givingUp;
            System.err.println("nsunit: warning: could not make a tracking cgroup for " + name + ": " + e.getMessage()
                    + (givingUp ? "; after " + failures + " failures in a row, the children of this run go without"
                    + " one: what a test leaves running and detached from its process tree may outlive it"
                    : "; this child runs without one, the next tries again"));
            return Optional.empty();
        }
    }

    /** For tests: forget what earlier children learned about the host. */
    static void forgetFailures() {
        trackingRefused = false;
        failuresInARow.set(0);
    }

    /** Children whose cgroups have equal keys are interchangeable (the label only names the directory). */
    String key() {
        return limits.map(CgroupLimits::toString).orElse("tracking");
    }
}
