package io.github.nsunit.internal.run;

import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.command.ChildSpec;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.namespace.NamespaceUnavailableException;
import io.github.nsunit.internal.plan.ChildIsolation;
import io.github.nsunit.internal.process.ChildEventSink;
import io.github.nsunit.internal.process.ChildOutcome;
import io.github.nsunit.internal.process.ChildProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Runs one child, the same for an isolated test and a programmatic task: makes the isolation its spec asks for,
 * starts the child (or takes a spare), waits for it (killing it at the timeout), reads what it left, and closes
 * it. JUnit-free: the extension and the programmatic API only translate their input into a {@link RunSpec} and
 * the {@link ChildRun} into their own verdict.
 */
public final class ChildRunner {
    private ChildRunner() {
    }

    /**
     * @param output  where the child's output and events go while it runs
     * @param started told the child's PID once it runs, before the runner waits for it
     * @throws IsolationRefusedException when the host cannot make the namespaces or the cgroup
     * @throws IOException               when the child could not be started
     * @throws InterruptedException      when interrupted while waiting (the child is killed)
     */
    public static ChildRun run(RunSpec spec, ChildEventSink output, LongConsumer started)
            throws IOException, InterruptedException {
        ChildIsolation isolation = isolation(spec);
        long start = System.nanoTime();
        ChildProcess child = start(new ChildSpec(isolation.stages(), spec.jvmOptions(), assignment(spec, isolation),
                spec.loader(), isolation.handshake(), spec.archiveDirectory(),
                isolation.cgroup(spec.trackingCgroup())), spec);
        ChildOutcome outcome;
        List<String> leftovers;
        Optional<CgroupStats> stats;
        Duration elapsed;
        Optional<RuntimeException> cleanupError;
        try {
            started.accept(child.pid());
            outcome = child.await(spec.timeout(), output);
            leftovers = child.leftoverProcesses();
            stats = spec.figures() ? child.cgroupStats() : Optional.empty();
            elapsed = Duration.ofNanos(System.nanoTime() - start);
        } finally {
            cleanupError = close(child);
        }
        return new ChildRun(outcome, stats, leftovers, elapsed, cleanupError);
    }

    private static ChildIsolation isolation(RunSpec spec) {
        try {
            return ChildIsolation.of(spec.isolation(), spec.cgroups());
        } catch (NamespaceUnavailableException | IllegalStateException e) {
            throw new IsolationRefusedException(e);
        }
    }

    private static Assignment assignment(RunSpec spec, ChildIsolation isolation) {
        ChildSettings settings = isolation.childSettings();
        if (spec.reportLeftovers() && spec.isolation().namespaces().namespaces().contains(Namespace.PID)) {
            settings = settings.withPidNamespace();
        }
        if (spec.hold().isPresent()) {
            settings = settings.withDebugHold();
        }
        return new Assignment(spec.work(), spec.configuration(), settings);
    }

    private static ChildProcess start(ChildSpec childSpec, RunSpec spec) throws IOException {
        try {
            return ChildProcess.start(childSpec, spec.spares(), spec.hold());
        } catch (CgroupUnavailableException e) {
            throw new IsolationRefusedException(e);
        }
    }

    /** A cleanup that fails (a cgroup that cannot be removed) comes after the outcome, never in its place. */
    private static Optional<RuntimeException> close(ChildProcess child) {
        try {
            child.close();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }
}
