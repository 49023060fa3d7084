package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.stage.CommandStage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

/**
 * What to start: the isolation stages, outermost first (e.g. namespaces), the child JVM's options, the
 * assignment it receives once started, an optional handshake, where its class-data-sharing archives are cached
 * (empty: start without one), and the cgroup the child is born in, if any.
 */
public record ChildSpec(List<CommandStage> stages, List<String> jvmArgs, Assignment assignment,
                        ClassLoader testClassLoader, Optional<Handshake> handshake,
                        Optional<Path> sharedArchiveDirectory, Optional<ChildCgroup> cgroup) {

    public ChildSpec {
        stages = List.copyOf(stages);
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** A plain child: no handshake, no class-data-sharing archive. */
    public ChildSpec(List<CommandStage> stages, List<String> jvmArgs, Assignment assignment,
                     ClassLoader testClassLoader) {
        this(stages, jvmArgs, assignment, testClassLoader, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A pause the child makes mid-test: it reports the measurement {@code name} and waits on stdin; the parent
     * runs {@code action} with the child's cgroup and the measured value, then lets the child go on.
     */
    public record Handshake(String name, ObjLongConsumer<TestCgroup> action) {
    }
}
