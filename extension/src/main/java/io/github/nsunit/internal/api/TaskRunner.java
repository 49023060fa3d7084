package io.github.nsunit.internal.api;

import io.github.nsunit.ChildJvmException;
import io.github.nsunit.IsolationUnavailableException;
import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.internal.plan.ChildJvmDefaults;
import io.github.nsunit.internal.run.ChildRun;
import io.github.nsunit.internal.run.ChildRunner;
import io.github.nsunit.internal.run.IsolationRefusedException;
import io.github.nsunit.internal.run.RunSpec;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one task in a child JVM, with the same runner, isolation and classification as an isolated test:
 * translates the request into a {@link RunSpec}, lets {@link ChildRunner} run it (capturing what it prints), and
 * says how it ended.
 */
public final class TaskRunner {
    private TaskRunner() {
    }

    public static TaskOutcome run(TaskRequest request) {
        RunSpec spec = new RunSpec(request.isolation(), TaskRunner::cgroups, request.task(), Map.of(),
                ChildJvmDefaults.of(request.jvmArgs(), request.fastStart(),
                        request.isolation().testScopedMemoryBytes().isPresent()),
                request.loader(), Optional.empty(), true, 0, Optional.empty(), false, request.timeout(),
                request.isolation().anyLimit());
        OutputCapture output = new OutputCapture(request.relayOutput());
        ChildRun ran;
        try {
            ran = ChildRunner.run(spec, output, pid -> { });
        } catch (IsolationRefusedException e) {
            throw new IsolationUnavailableException(request.taskName() + ": " + e.getMessage(), e.reason());
        } catch (IOException e) {
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": could not start its child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException(ChildJvmException.Reason.NOT_RUN, -1, request.taskName()
                    + ": interrupted while waiting for its child JVM, which was killed");
        }
        if (ran.cleanupError().isPresent()) {
            throw ran.cleanupError().get();
        }
        return TaskOutcomes.of(request, ran.outcome(), ran.stats(), output, ran.elapsed());
    }

    /** No JUnit context here: the base comes from the system property {@value NsunitProperties#CGROUP_BASE}. */
    private static Cgroups cgroups() {
        return JvmCgroups.get(Optional.ofNullable(System.getProperty(NsunitProperties.CGROUP_BASE)));
    }
}
