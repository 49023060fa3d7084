package io.github.nsunit.internal.plan;

import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.child.BeforeBody;
import io.github.nsunit.internal.command.ChildCgroup;
import io.github.nsunit.internal.command.ChildSpec;
import io.github.nsunit.internal.namespace.HostProbe;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.namespace.NamespaceStage;
import io.github.nsunit.internal.namespace.Privilege;
import io.github.nsunit.internal.stage.CommandStage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How this host gives one child what its {@link IsolationSpec} asks for, with no JUnit context: the stages that
 * wrap the child's command (namespaces), the settings for the steps the child finishes itself, the handshake
 * of a test-scoped memory limit, and the cgroup the child is born in, which the launcher makes with each child
 * (so a child for a limited test can be started ahead too).
 */
public final class ChildIsolation {
    private final List<CommandStage> stages = new ArrayList<>();
    private ChildSettings childSettings = ChildSettings.NONE;
    private Optional<ChildCgroup> limitedCgroup = Optional.empty();
    private Optional<ChildSpec.Handshake> handshake = Optional.empty();
    private final Supplier<Cgroups> cgroups;
    private final String label;

    private ChildIsolation(Supplier<Cgroups> cgroups, String label) {
        this.cgroups = cgroups;
        this.label = label;
    }

    /**
     * Builds the isolation; {@code cgroups} is asked only when a child is started in a cgroup.
     *
     * @throws io.github.nsunit.internal.namespace.NamespaceUnavailableException when the host cannot make the namespaces
     */
    public static ChildIsolation of(IsolationSpec spec, Supplier<Cgroups> cgroups) {
        ChildIsolation isolation = new ChildIsolation(cgroups, spec.label());
        isolation.addCgroup(spec);
        isolation.addNamespaces(spec);
        if (!spec.deniedSyscalls().isEmpty()) {
            isolation.childSettings = isolation.childSettings.withDeniedSyscalls(spec.deniedSyscalls());
        }
        return isolation;
    }

    public List<CommandStage> stages() {
        return List.copyOf(stages);
    }

    public ChildSettings childSettings() {
        return childSettings;
    }

    public Optional<ChildSpec.Handshake> handshake() {
        return handshake;
    }

    /**
     * The cgroup the child is born in: one with the spec's limits; else, with {@code tracking}, one without
     * limits where the host allows it without sudo (so what the child starts dies with it); else none.
     */
    public Optional<ChildCgroup> cgroup(boolean tracking) {
        return limitedCgroup.or(() -> tracking ? Optional.of(ChildCgroup.tracking(cgroups, label)) : Optional.empty());
    }

    private void addCgroup(IsolationSpec spec) {
        if (!spec.anyLimit()) {
            return;
        }
        limitedCgroup = Optional.of(ChildCgroup.withLimits(cgroups, spec.initialLimits(), label));
        spec.testScopedMemoryBytes().ifPresent(share -> {
            childSettings = childSettings.withMemoryHandshake();
            handshake = Optional.of(new ChildSpec.Handshake(BeforeBody.READY_FOR_LIMIT,
                    (cgroup, heapInUse) -> cgroup.setMemoryLimit(cgroup.memoryCurrent() + share)));
        });
    }

    private void addNamespaces(IsolationSpec spec) {
        if (spec.namespaces().isEmpty()) {
            return;
        }
        Privilege privilege = HostProbe.shared().choose(spec.strategy(), spec.namespaces());
        NamespaceRequest request = spec.namespaces().freshTmp()
                ? spec.namespaces().keepingInTmp(HostTmpEntries.neededByChild()) : spec.namespaces();
        NamespaceStage namespaces = NamespaceStage.forThisProcess(request, privilege, System.getenv(), spec.hostname());
        stages.add(namespaces);
        if (namespaces.childBringsUpLoopback()) {
            childSettings = childSettings.withLoopbackUp();
        }
        // under sudo the stage sets it as root; otherwise the child is root in its namespaces and sets it
        if (!namespaces.setsHostname()) {
            spec.hostname().ifPresent(hostname -> childSettings = childSettings.withHostname(hostname));
        }
    }
}
