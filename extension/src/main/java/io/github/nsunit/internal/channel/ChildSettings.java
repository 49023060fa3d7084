package io.github.nsunit.internal.channel;

import java.util.List;
import java.util.Optional;

/**
 * What the child does itself, inside its namespaces, for the isolation the parent planned: the steps only a
 * process already in the new namespaces can take, and what the test asked the child to report or wait for.
 *
 * @param loopbackUp      bring up {@code lo} in the child's new network namespace
 * @param hostname        the name to set in the child's new UTS namespace
 * @param deniedSyscalls  the syscalls a seccomp filter denies just before the test body
 * @param memoryHandshake wait just before the body for the parent to set a test-scoped memory limit
 * @param pidNamespace    the child is PID 1's child in a PID namespace of its own (for the leftover report)
 * @param debugHold       a failed test waits for the parent's release before the child exits
 */
public record ChildSettings(boolean loopbackUp, Optional<String> hostname, List<String> deniedSyscalls,
                            boolean memoryHandshake, boolean pidNamespace, boolean debugHold) {
    public static final ChildSettings NONE = new ChildSettings(false, Optional.empty(), List.of(), false, false, false);

    public ChildSettings {
        deniedSyscalls = List.copyOf(deniedSyscalls);
    }

    public ChildSettings withLoopbackUp() {
        return new ChildSettings(true, hostname, deniedSyscalls, memoryHandshake, pidNamespace, debugHold);
    }

    public ChildSettings withHostname(String name) {
        return new ChildSettings(loopbackUp, Optional.of(name), deniedSyscalls, memoryHandshake, pidNamespace,
                debugHold);
    }

    public ChildSettings withDeniedSyscalls(List<String> syscalls) {
        return new ChildSettings(loopbackUp, hostname, syscalls, memoryHandshake, pidNamespace, debugHold);
    }

    public ChildSettings withMemoryHandshake() {
        return new ChildSettings(loopbackUp, hostname, deniedSyscalls, true, pidNamespace, debugHold);
    }

    public ChildSettings withPidNamespace() {
        return new ChildSettings(loopbackUp, hostname, deniedSyscalls, memoryHandshake, true, debugHold);
    }

    public ChildSettings withDebugHold() {
        return new ChildSettings(loopbackUp, hostname, deniedSyscalls, memoryHandshake, pidNamespace, true);
    }
}
