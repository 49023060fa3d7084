package io.github.nsunit.internal.parent;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.child.ChildSetup;
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

/**
 * How this host gives a test what it asked for: the stages that wrap the child's command (outermost first) and
 * the settings for the steps the child finishes itself. Fails, before any child starts, when the host cannot.
 */
record IsolationPlan(List<CommandStage> stages, Map<String, String> childSettings) {

    static IsolationPlan of(ExtensionContext context, IsolationRequest request) {
        List<CommandStage> stages = new ArrayList<>();
        Map<String, String> settings = new HashMap<>();
        if (!request.namespaces().isEmpty()) {
            NamespaceStage namespaces = namespaceStage(context, request);
            stages.add(namespaces);
            if (namespaces.childBringsUpLoopback()) {
                settings.put(ChildSetup.LOOPBACK, "up");
            }
            request.hostname().ifPresent(hostname -> {
                if (!namespaces.childIsRootInUserNamespace() && !isRoot()) {
                    throw UnavailablePolicy.of(context).apply(TestNames.of(context), new IllegalStateException(
                            "@IsolatedHostname needs the child to be root in its UTS namespace, which the sudo"
                                    + " strategy does not give it. Run the tests as root, or allow unprivileged user"
                                    + " namespaces (sysctl -w user.max_user_namespaces=15000)."));
                }
                settings.put(ChildSetup.HOSTNAME, hostname);
            });
        }
        return new IsolationPlan(List.copyOf(stages), Map.copyOf(settings));
    }

    private static NamespaceStage namespaceStage(ExtensionContext context, IsolationRequest request) {
        Strategy strategy = context.getConfigurationParameter(NsunitProperties.NAMESPACE_STRATEGY).map(value -> {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("configuration parameter "
                        + NsunitProperties.NAMESPACE_STRATEGY + "=\"" + value + "\": " + e.getMessage());
            }
        }).orElse(Strategy.AUTO);
        try {
            Privilege privilege = HostProbe.shared().choose(strategy, request.namespaces());
            return NamespaceStage.forThisProcess(request.namespaces(), privilege, System.getenv());
        } catch (NamespaceUnavailableException | IllegalStateException e) {
            throw UnavailablePolicy.of(context).apply(TestNames.of(context), e);
        }
    }

    private static boolean isRoot() {
        return HostProbe.shared().identity().isRoot();
    }
}
