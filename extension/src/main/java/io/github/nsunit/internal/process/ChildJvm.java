package io.github.nsunit.internal.process;

import io.github.nsunit.internal.command.JavaCommand;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the child JVM in the chain of set-up processes, some of which fork (e.g. unshare --fork). */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The process that runs the JVM itself: its executable is {@code java}. The command lines of the set-up
     * processes above it (setpriv, unshare) also name ChildMain, and {@code unshare --fork} stays their parent:
     * a SIGQUIT meant for the JVM's thread dump would kill it instead.
     */
    static Optional<ProcessHandle> find(ProcessHandle top) {
        try (Stream<ProcessHandle> tree = Stream.concat(Stream.of(top), top.descendants())) {
            return tree.filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                    .filter(p -> p.info().commandLine().map(c -> c.contains(JavaCommand.CHILD_MAIN)).orElse(true))
                    .findFirst();
        }
    }
}
