package io.github.nsunit.internal.child;

import java.util.stream.Stream;

/**
 * Kills what the test started and left running, while the child JVM still is their parent and can find them:
 * once it exits they are re-parented and no longer traceable without a PID namespace or a cgroup.
 */
final class Descendants {
    private Descendants() {
    }

    static void kill() {
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
