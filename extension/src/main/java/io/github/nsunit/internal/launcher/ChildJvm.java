package io.github.nsunit.internal.launcher;

import java.util.Optional;
import java.util.stream.Stream;

/** Finds the child JVM in the chain of set-up processes, some of which fork (e.g. unshare --fork). */
final class ChildJvm {
    private ChildJvm() {
    }

    static Optional<ProcessHandle> find(ProcessHandle top) {
        try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(top), top.descendants())) {
            return tree.filter(p -> p.info().commandLine().map(c -> c.contains(JavaCommand.CHILD_MAIN))
                    .orElse(p.info().command().map(c -> c.endsWith("/java")).orElse(false))).findFirst();
        }
    }
}
