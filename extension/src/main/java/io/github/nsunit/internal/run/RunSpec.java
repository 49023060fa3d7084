package io.github.nsunit.internal.run;

import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.plan.IsolationSpec;
import io.github.nsunit.internal.process.DebugHold;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything {@link ChildRunner} needs to run one child, from either entry point, with no JUnit in it.
 *
 * @param isolation        what the child is given (namespaces, limits, denied syscalls), already validated
 * @param cgroups          this JVM's cgroups, asked only when the child is born in one
 * @param work             the test (by unique id) or the task the child runs
 * @param configuration    the JUnit configuration parameters the child's launcher gets (empty for a task)
 * @param jvmOptions       the child's JVM options, complete
 * @param loader           the loader of the test class or task, whose class path the child gets
 * @param archiveDirectory where the class-data archive is cached, if one is used
 * @param trackingCgroup   whether a child without limits still gets a cgroup of its own
 * @param spares           how many children to start ahead for the next tests like this one
 * @param hold             a debug hold: the child waits for a debugger before its test
 * @param reportLeftovers  whether the child reports what it left running in its PID namespace
 * @param timeout          when the child is dumped and killed
 * @param figures          whether to read the cgroup's figures (only for limits asked for, not for tracking)
 */
public record RunSpec(IsolationSpec isolation, Supplier<Cgroups> cgroups, Assignment.Work work,
                      Map<String, String> configuration, List<String> jvmOptions, ClassLoader loader,
                      Optional<Path> archiveDirectory, boolean trackingCgroup, int spares, Optional<DebugHold> hold,
                      boolean reportLeftovers, Duration timeout, boolean figures) {
    public RunSpec {
        configuration = Map.copyOf(configuration);
        jvmOptions = List.copyOf(jvmOptions);
    }
}
