package io.github.nsunit.internal.launcher;

import io.github.nsunit.internal.channel.Assignment;

import java.util.List;

/**
 * What to start: the isolation stages, outermost first (e.g. cgroup join, then namespaces), the child JVM's
 * options, and the assignment it receives once started.
 */
public record ChildSpec(List<CommandStage> stages, List<String> jvmArgs, Assignment assignment,
                        ClassLoader testClassLoader) {

    public ChildSpec {
        stages = List.copyOf(stages);
        jvmArgs = List.copyOf(jvmArgs);
    }
}
