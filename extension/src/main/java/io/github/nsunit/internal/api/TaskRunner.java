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
import io.github.nsunit.internal.launcher.TrackingCgroups;
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
        } catch (CgroupUnavailableException | NamespaceUnavailableException | IllegalStateException e) {
            throw new IsolationUnavailableException(request.taskName() + ": " + e.getMessage(), e);
        }
        try (isolation) {
            Map<String, String> settings = new HashMap<>(isolation.childSettings());
            settings.putAll(request.taskSettings());
            ChildSpec spec = new ChildSpec(isolation.stages(),
                    ChildJvmDefaults.of(request.jvmArgs(), request.fastStart(),
                            request.isolation().testScopedMemoryBytes().isPresent()),
                    new Assignment("", Map.of(), settings), request.loader(), isolation.handshake(), Optional.empty(),
                    isolation.allowsSpareChild() ? Optional.of(new TrackingCgroups(TaskRunner::cgroups)) : Optional.empty());
            OutputCapture output = new OutputCapture(request.relayOutput());
            long started = System.nanoTime();
            ChildOutcome outcome = await(request, spec, output);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Optional<CgroupStats> stats = isolation.stats();
            return TaskOutcomes.of(request, outcome, stats, output, elapsed);
        }
    }

    private static ChildOutcome await(TaskRequest request, ChildSpec spec, OutputCapture output) {
        try (ChildProcess child = ChildProcess.start(spec)) {
            return child.await(request.timeout(), output);
        } catch (IOException e) {
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": could not start its child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": interrupted while waiting for its child JVM, which was killed");
        }
    }

    /** No JUnit context here: the base comes from the system property {@value NsunitProperties#CGROUP_BASE}. */
    private static Cgroups cgroups() {
        return JvmCgroups.get(java.util.Optional.ofNullable(System.getProperty(NsunitProperties.CGROUP_BASE)));
    }
}
