package io.github.nsunit.internal.parent;

import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.CgroupUnavailableException;
import io.github.nsunit.internal.launcher.ChildSpec;
import io.github.nsunit.internal.launcher.CommandStage;
import io.github.nsunit.internal.namespace.NamespaceUnavailableException;
import io.github.nsunit.internal.namespace.Strategy;
import io.github.nsunit.internal.plan.ChildIsolation;
import io.github.nsunit.internal.plan.IsolationSpec;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How this host gives a test what its annotations ask for: a {@link ChildIsolation} built from the test's
 * request and the run's configuration, with the host's refusals turned into the run's
 * {@link UnavailablePolicy}. Fails, before any child starts, when the host cannot.
 */
final class IsolationPlan implements AutoCloseable {
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
        } catch (CgroupUnavailableException | NamespaceUnavailableException | IllegalStateException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
    }

    List<CommandStage> stages() {
        return isolation.stages();
    }

    Map<String, String> childSettings() {
        return isolation.childSettings();
    }

    Optional<ChildSpec.Handshake> handshake() {
        return isolation.handshake();
    }

    /** Whether a child started before the test is known could serve it: not when it must be born in a cgroup. */
    boolean allowsSpareChild() {
        return isolation.allowsSpareChild();
    }

    /** The cgroup's figures, read after the child ended and before the cgroup is removed. */
    Optional<CgroupStats> stats() {
        return isolation.stats();
    }

    @Override
    public void close() {
        isolation.close();
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
