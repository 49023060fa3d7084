package io.github.nsunit.internal.parent;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.child.BeforeBody;
import io.github.nsunit.internal.child.ChildSetup;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.launcher.CommandStage;
import io.github.nsunit.internal.namespace.HostProbe;
import io.github.nsunit.internal.namespace.NamespaceStage;
import io.github.nsunit.internal.namespace.NamespaceUnavailableException;
import io.github.nsunit.internal.namespace.Privilege;
import io.github.nsunit.internal.namespace.Strategy;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this host gives a test what it asked for: the stages that wrap the child's command (cgroup join first, so
 * everything after is born inside it; then namespaces), the settings for the steps the child finishes itself,
 * and the test's cgroup, which outlives the child so its figures can be read, and is removed on close. Fails,
 * before any child starts, when the host cannot.
 */
final class IsolationPlan implements AutoCloseable {
    private final List<CommandStage> stages = new ArrayList<>();
    private final Map<String, String> childSettings = new HashMap<>();
    private Optional<TestCgroup> cgroup = Optional.empty();
    private Optional<ChildSpec.Handshake> handshake = Optional.empty();

    private IsolationPlan() {
    }

    static IsolationPlan of(ExtensionContext context, IsolationRequest request) {
        IsolationPlan plan = new IsolationPlan();
        try {
            plan.addCgroup(context, request.limits());
            plan.addNamespaces(context, request);
            if (!request.deniedSyscalls().isEmpty()) {
                plan.childSettings.put(BeforeBody.DENY_SYSCALLS, String.join(",", request.deniedSyscalls()));
            }
            return plan;
        } catch (RuntimeException e) {
            plan.close();
            throw e;
        }
    }

    List<CommandStage> stages() {
        return List.copyOf(stages);
    }

    Map<String, String> childSettings() {
        return Map.copyOf(childSettings);
    }

    Optional<ChildSpec.Handshake> handshake() {
        return handshake;
    }

    /** The cgroup's figures, read after the child ended and before the cgroup is removed. */
    Optional<CgroupStats> stats() {
        return cgroup.map(TestCgroup::stats);
    }

    @Override
    public void close() {
        cgroup.ifPresent(TestCgroup::close);
    }

    private void addCgroup(ExtensionContext context, LimitsRequest limits) {
        if (!limits.any()) {
            return;
        }
        try {
            TestCgroup testCgroup = RunCgroups.get(context).create(label(context), limits.initialCgroupLimits());
            cgroup = Optional.of(testCgroup);
            stages.add(testCgroup.joinStage());
        } catch (CgroupUnavailableException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
        if (limits.testScopedMemory()) {
            long share = limits.memoryBytes().getAsLong();
            TestCgroup testCgroup = cgroup.get();
            childSettings.put(BeforeBody.MEMORY_HANDSHAKE, "true");
            handshake = Optional.of(new ChildSpec.Handshake(BeforeBody.READY_FOR_LIMIT,
                    heapInUse -> testCgroup.setMemoryLimit(testCgroup.memoryCurrent() + share)));
        }
    }

    private void addNamespaces(ExtensionContext context, IsolationRequest request) {
        if (request.namespaces().isEmpty()) {
            return;
        }
        if (request.namespaces().freshTmp()) {
            TmpShadowCheck.check(context);
        }
        NamespaceStage namespaces = namespaceStage(context, request);
        stages.add(namespaces);
        if (namespaces.childBringsUpLoopback()) {
            childSettings.put(ChildSetup.LOOPBACK, "up");
        }
        request.hostname().ifPresent(hostname -> {
            if (!namespaces.childIsRootInUserNamespace() && !HostProbe.shared().identity().isRoot()) {
                throw UnavailablePolicy.of(context).apply(TestNames.of(context), new IllegalStateException(
                        "@IsolatedHostname needs the child to be root in its UTS namespace, which the sudo"
                                + " strategy does not give it. Run the tests as root, or allow unprivileged user"
                                + " namespaces (sysctl -w user.max_user_namespaces=15000)."));
            }
            childSettings.put(ChildSetup.HOSTNAME, hostname);
        });
    }

    private static NamespaceStage namespaceStage(ExtensionContext context, IsolationRequest request) {
        Strategy strategy = context.getConfigurationParameter(NsunitProperties.NAMESPACE_STRATEGY).map(value -> {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                // the parser's message already names the parameter, its value and the accepted values
                throw new ExtensionConfigurationException("configuration parameter " + e.getMessage());
            }
        }).orElse(Strategy.AUTO);
        try {
            Privilege privilege = HostProbe.shared().choose(strategy, request.namespaces());
            return NamespaceStage.forThisProcess(request.namespaces(), privilege, System.getenv());
        } catch (NamespaceUnavailableException | IllegalStateException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
    }

    /** {@code Demo.leaks}: the cgroup's name says which test it belongs to. */
    private static String label(ExtensionContext context) {
        String className = context.getRequiredTestClass().getSimpleName();
        return context.getTestMethod().map(m -> className + "." + m.getName()).orElse(className);
    }
}
