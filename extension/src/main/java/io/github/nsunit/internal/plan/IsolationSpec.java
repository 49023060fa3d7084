package io.github.nsunit.internal.plan;

import io.github.nsunit.internal.cgroup.CgroupLimits;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.namespace.Strategy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one child asks for, in plain validated values, whoever asked (annotations or the programmatic API).
 *
 * @param label                 names the child's cgroup, e.g. {@code Demo.leaks}
 * @param initialLimits         the limits its cgroup is born with
 * @param testScopedMemoryBytes a memory share set just before the body runs, on top of what the child then uses
 * @param hostname              the hostname to set in a new UTS namespace (the request must hold UTS and MOUNT)
 */
public record IsolationSpec(String label, CgroupLimits initialLimits, OptionalLong testScopedMemoryBytes,
                            NamespaceRequest namespaces, Strategy strategy, Optional<String> hostname,
                            List<String> deniedSyscalls) {

    public IsolationSpec {
        deniedSyscalls = List.copyOf(deniedSyscalls);
    }

    /** Whether the child needs a cgroup of its own. */
    public boolean anyLimit() {
        return initialLimits.memoryBytes().isPresent() || initialLimits.cpuCores().isPresent()
                || initialLimits.pidsMax().isPresent() || testScopedMemoryBytes.isPresent();
    }
}
