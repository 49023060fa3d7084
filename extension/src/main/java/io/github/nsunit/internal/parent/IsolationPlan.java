package io.github.nsunit.internal.parent;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.launcher.ChildCgroup;
import io.github.nsunit.internal.launcher.ChildProcess;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.launcher.DebugHold;
import io.github.nsunit.internal.namespace.NamespaceUnavailableException;
import io.github.nsunit.internal.namespace.Strategy;
import io.github.nsunit.internal.plan.ChildIsolation;
import io.github.nsunit.internal.plan.IsolationSpec;
import io.github.nsunit.internal.stage.CommandStage;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How this host gives a test what its annotations ask for: a {@link ChildIsolation} built from the test's
 * request and the run's configuration, with the host's refusals turned into the run's
 * {@link UnavailablePolicy}. Fails, before any child starts, when the host cannot.
 */
final class IsolationPlan {
    private final ChildIsolation isolation;

    private IsolationPlan(ChildIsolation isolation) {
        this.isolation = isolation;
    }

    static IsolationPlan of(ExtensionContext context, IsolationRequest request) {
        LimitsRequest limits = request.limits();
        Strategy strategy = request.namespaces().isEmpty() ? Strategy.AUTO : strategy(context);
        IsolationSpec spec = new IsolationSpec(label(context), limits.initialCgroupLimits(),
                limits.testScopedMemory() ? limits.memoryBytes() : OptionalLong.empty(), request.namespaces(),
                strategy, request.hostname(), request.deniedSyscalls());
        try {
            return new IsolationPlan(ChildIsolation.of(spec, () -> JvmCgroups.get(context.getConfigurationParameter(NsunitProperties.CGROUP_BASE))));
        } catch (NamespaceUnavailableException | IllegalStateException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
    }

    List<CommandStage> stages() {
        return isolation.stages();
    }

    ChildSettings childSettings() {
        return isolation.childSettings();
    }

    Optional<ChildSpec.Handshake> handshake() {
        return isolation.handshake();
    }

    /** The cgroup the child is born in (see {@link ChildIsolation#cgroup}). */
    Optional<ChildCgroup> cgroup(boolean tracking) {
        return isolation.cgroup(tracking);
    }

    /**
     * Starts the test's child; a host that cannot give its cgroup is the run's {@link UnavailablePolicy}'s
     * business, like one that cannot make its namespaces.
     */
    static ChildProcess start(ExtensionContext context, ChildSpec spec, int prestartNext, Optional<DebugHold> hold)
            throws IOException {
        try {
            return ChildProcess.start(spec, prestartNext, hold);
        } catch (CgroupUnavailableException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
    }

    private static Strategy strategy(ExtensionContext context) {
        return context.getConfigurationParameter(NsunitProperties.NAMESPACE_STRATEGY).map(value -> {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                // the parser's message already names the parameter, its value and the accepted values
                throw new ExtensionConfigurationException("configuration parameter " + e.getMessage());
            }
        }).orElse(Strategy.AUTO);
    }

    /** {@code Demo.leaks}: the cgroup's name says which test it belongs to. */
    private static String label(ExtensionContext context) {
        String className = context.getRequiredTestClass().getSimpleName();
        return context.getTestMethod().map(m -> className + "." + m.getName()).orElse(className);
    }
}
