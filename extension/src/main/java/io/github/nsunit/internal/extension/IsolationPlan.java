package io.github.nsunit.internal.extension;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.namespace.Strategy;
import io.github.nsunit.internal.plan.IsolationSpec;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.OptionalLong;

/**
 * What a test's annotations and the run's configuration ask of its child, as the runner's
 * {@link IsolationSpec}. Whether the host can give it is the runner's to find out; a refusal comes back as
 * {@code IsolationRefusedException}, which the run's {@link UnavailablePolicy} turns into the test's ending.
 */
final class IsolationPlan {
    private IsolationPlan() {
    }

    static IsolationSpec of(ExtensionContext context, IsolationRequest request) {
        LimitsRequest limits = request.limits();
        Strategy strategy = request.namespaces().isEmpty() ? Strategy.AUTO : strategy(context);
        return new IsolationSpec(label(context), limits.initialCgroupLimits(),
                limits.testScopedMemory() ? limits.memoryBytes() : OptionalLong.empty(), request.namespaces(),
                strategy, request.hostname(), request.deniedSyscalls());
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
