package io.github.nsunit.internal.api;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.ChildJvmException;
import io.github.nsunit.IsolationUnavailableException;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.launcher.ChildOutcome;
import io.github.nsunit.internal.launcher.ChildProcess;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.namespace.NamespaceUnavailableException;
import io.github.nsunit.internal.plan.ChildIsolation;
import io.github.nsunit.internal.plan.ChildJvmDefaults;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task in a child JVM, with the same launcher, isolation and classification as an isolated test: build
 * the isolation, start the child with the task as its assignment, capture what it prints, wait for it (killing it
 * at the timeout), read the cgroup's figures, and say how it ended.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    public static TaskOutcome run(TaskRequest request) {
        ChildIsolation isolation;
        try {
            isolation = ChildIsolation.of(request.isolation(), TaskRunner::cgroups);
        } catch (NamespaceUnavailableException | IllegalStateException e) {
            throw unavailable(request, e);
        }
        ChildSpec spec = new ChildSpec(isolation.stages(),
                ChildJvmDefaults.of(request.jvmArgs(), request.fastStart(),
                        request.isolation().testScopedMemoryBytes().isPresent()),
                new Assignment(request.task(), Map.of(), isolation.childSettings()), request.loader(),
                isolation.handshake(), Optional.empty(),
                isolation.cgroup(true));
        OutputCapture output = new OutputCapture(request.relayOutput());
        long started = System.nanoTime();
        try (ChildProcess child = ChildProcess.start(spec)) {
            ChildOutcome outcome = child.await(request.timeout(), output);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            // figures only for the limits the task asked for, not for a tracking cgroup
            Optional<CgroupStats> stats = request.isolation().anyLimit() ? child.cgroupStats() : Optional.empty();
            return TaskOutcomes.of(request, outcome, stats, output, elapsed);
        } catch (CgroupUnavailableException e) {
            throw unavailable(request, e);
        } catch (IOException e) {
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": could not start its child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": interrupted while waiting for its child JVM, which was killed");
        }
    }

    private static IsolationUnavailableException unavailable(TaskRequest request, RuntimeException e) {
        return new IsolationUnavailableException(request.taskName() + ": " + e.getMessage(), e);
    }

    /** No JUnit context here: the base comes from the system property {@value NsunitProperties#CGROUP_BASE}. */
    private static Cgroups cgroups() {
        return JvmCgroups.get(java.util.Optional.ofNullable(System.getProperty(NsunitProperties.CGROUP_BASE)));
    }
}
