package io.github.nsunit.internal.plan;

import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.child.BeforeBody;
import io.github.nsunit.internal.child.ChildSetup;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.launcher.CommandStage;
import io.github.nsunit.internal.namespace.HostProbe;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.namespace.NamespaceStage;
import io.github.nsunit.internal.namespace.Privilege;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How this host gives one child what its {@link IsolationSpec} asks for, with no JUnit context: the stages that
 * wrap the child's command (cgroup join first, so everything after is born inside it; then namespaces), the
 * settings for the steps the child finishes itself, the handshake of a test-scoped memory limit, and the cgroup,
 * which outlives the child so its figures can be read, and is removed on close.
 */
public final class ChildIsolation implements AutoCloseable {
    private final List<CommandStage> stages = new ArrayList<>();
    private final Map<String, String> childSettings = new HashMap<>();
    private Optional<TestCgroup> cgroup = Optional.empty();
    private Optional<ChildSpec.Handshake> handshake = Optional.empty();

    private ChildIsolation() {
    }

    /**
     * Builds the isolation, creating the cgroup (from {@code cgroups}, asked only when a limit is wanted).
     *
     * @throws io.github.nsunit.internal.cgroup.CgroupUnavailableException when the host cannot give the cgroup
     * @throws io.github.nsunit.internal.namespace.NamespaceUnavailableException when it cannot make the namespaces
     * @throws IllegalStateException when the chosen way to make namespaces cannot set the hostname
     */
    public static ChildIsolation of(IsolationSpec spec, Supplier<Cgroups> cgroups) {
        ChildIsolation isolation = new ChildIsolation();
        try {
            isolation.addCgroup(spec, cgroups);
            isolation.addNamespaces(spec);
            if (!spec.deniedSyscalls().isEmpty()) {
                isolation.childSettings.put(BeforeBody.DENY_SYSCALLS, String.join(",", spec.deniedSyscalls()));
            }
            return isolation;
        } catch (RuntimeException e) {
            isolation.close();
            throw e;
        }
    }

    public List<CommandStage> stages() {
        return List.copyOf(stages);
    }

    public Map<String, String> childSettings() {
        return Map.copyOf(childSettings);
    }

    public Optional<ChildSpec.Handshake> handshake() {
        return handshake;
    }

    /** Whether a child started before its test is known could serve: not when it must be born in a cgroup. */
    public boolean allowsSpareChild() {
        return cgroup.isEmpty();
    }

    /** The cgroup's figures, read after the child ended and before the cgroup is removed. */
    public Optional<CgroupStats> stats() {
        return cgroup.map(TestCgroup::stats);
    }

    @Override
    public void close() {
        cgroup.ifPresent(TestCgroup::close);
    }

    private void addCgroup(IsolationSpec spec, Supplier<Cgroups> cgroups) {
        if (!spec.anyLimit()) {
            return;
        }
        TestCgroup testCgroup = cgroups.get().create(spec.label(), spec.initialLimits());
        cgroup = Optional.of(testCgroup);
        stages.add(testCgroup.joinStage());
        spec.testScopedMemoryBytes().ifPresent(share -> {
            childSettings.put(BeforeBody.MEMORY_HANDSHAKE, "true");
            handshake = Optional.of(new ChildSpec.Handshake(BeforeBody.READY_FOR_LIMIT,
                    heapInUse -> testCgroup.setMemoryLimit(testCgroup.memoryCurrent() + share)));
        });
    }

    private void addNamespaces(IsolationSpec spec) {
        if (spec.namespaces().isEmpty()) {
            return;
        }
        Privilege privilege = HostProbe.shared().choose(spec.strategy(), spec.namespaces());
        NamespaceRequest request = spec.namespaces().freshTmp()
                ? spec.namespaces().keepingInTmp(HostTmpEntries.neededByChild()) : spec.namespaces();
        NamespaceStage namespaces = NamespaceStage.forThisProcess(request, privilege, System.getenv());
        stages.add(namespaces);
        if (namespaces.childBringsUpLoopback()) {
            childSettings.put(ChildSetup.LOOPBACK, "up");
        }
        spec.hostname().ifPresent(hostname -> {
            if (!namespaces.childIsRootInUserNamespace() && !HostProbe.shared().identity().isRoot()) {
                throw new IllegalStateException("setting the hostname needs the child to be root in its UTS"
                        + " namespace, which the sudo strategy does not give it. Run the tests as root, or allow"
                        + " unprivileged user namespaces (sysctl -w user.max_user_namespaces=15000).");
            }
            childSettings.put(ChildSetup.HOSTNAME, hostname);
        });
    }
}
