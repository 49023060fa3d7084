package io.github.nsunit.internal.launcher;

import io.github.nsunit.internal.channel.Assignment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to start: the isolation stages, outermost first (e.g. cgroup join, then namespaces), the child JVM's
 * options, the assignment it receives once started, and where its class-data-sharing archives are cached
 * (empty: start without one).
 */
public record ChildSpec(List<CommandStage> stages, List<String> jvmArgs, Assignment assignment,
                        ClassLoader testClassLoader, Optional<Path> sharedArchiveDirectory) {

    public ChildSpec {
        stages = List.copyOf(stages);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A child without a class-data-sharing archive. */
    public ChildSpec(List<CommandStage> stages, List<String> jvmArgs, Assignment assignment,
                     ClassLoader testClassLoader) {
        this(stages, jvmArgs, assignment, testClassLoader, Optional.empty());
    }
}
