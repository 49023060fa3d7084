package io.github.nsunit.internal.parent;

import io.github.nsunit.Forked;
import io.github.nsunit.IsolatedHostname;
import io.github.nsunit.IsolatedIpc;
import io.github.nsunit.IsolatedMount;
import io.github.nsunit.IsolatedNetwork;
import io.github.nsunit.IsolatedPid;
import io.github.nsunit.IsolatedUser;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.plan.IsolationRules;
import io.github.nsunit.internal.plan.IsolationRules.Caller;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the annotations on a test ask for, read from the outermost enclosing class down to the method, so a
 * method's annotation refines its class's. Invalid attributes fail here, before any child starts.
 */
record IsolationRequest(List<String> jvmArgs, NamespaceRequest namespaces, Optional<String> hostname,
                        LimitsRequest limits, Expectations expectations, List<String> deniedSyscalls) {
    private static final Map<Class<? extends Annotation>, Namespace> NAMESPACE_ANNOTATIONS = Map.of(
            IsolatedPid.class, Namespace.PID,
            IsolatedNetwork.class, Namespace.NETWORK,
            IsolatedIpc.class, Namespace.IPC,
            IsolatedUser.class, Namespace.USER);

    static IsolationRequest of(ExtensionContext context) {
        List<String> jvmArgs = new ArrayList<>();
        Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        namespaces.addAll(RunConfiguration.of(context).defaultIsolation().namespaces());
        boolean freshTmp = false;
        String hostname = null;
        List<AnnotatedElement> elements = AnnotatedElements.outermostFirst(context);
        for (AnnotatedElement element : elements) {
            AnnotationSupport.findAnnotation(element, Forked.class).ifPresent(forked -> jvmArgs.addAll(
                    AnnotationRules.checked(context, "@Forked(jvmArgs = {" + String.join(", ", forked.jvmArgs()) + "})",
                            () -> IsolationRules.jvmOptions(Arrays.asList(forked.jvmArgs())))));
            NAMESPACE_ANNOTATIONS.forEach((annotation, namespace) -> {
                if (AnnotationSupport.isAnnotated(element, annotation)) {
                    namespaces.add(namespace);
                }
            });
            Optional<IsolatedMount> mount = AnnotationSupport.findAnnotation(element, IsolatedMount.class);
            if (mount.isPresent()) {
                namespaces.add(Namespace.MOUNT);
                freshTmp = mount.get().freshTmp();
            }
            Optional<IsolatedHostname> uts = AnnotationSupport.findAnnotation(element, IsolatedHostname.class);
            if (uts.isPresent()) {
                hostname = validHostname(context, uts.get().value());
                // the child bind-mounts an /etc/hosts naming the new hostname, in a mount namespace of its own
                namespaces.addAll(List.of(Namespace.UTS, Namespace.MOUNT));
            }
        }
        LimitsRequest limits = LimitsRequest.of(context, elements);
        return new IsolationRequest(List.copyOf(jvmArgs), new NamespaceRequest(namespaces, freshTmp),
                Optional.ofNullable(hostname), limits, Expectations.of(context, elements, limits),
                validSyscalls(context, Expectations.deniedSyscalls(elements)));
    }

    private static List<String> validSyscalls(ExtensionContext context, Optional<List<String>> annotated) {
        return annotated.map(names -> AnnotationRules.checked(context,
                names.isEmpty() ? "@DenySyscalls({})" : "@DenySyscalls(" + String.join(", ", names) + ")",
                () -> IsolationRules.deniedSyscalls(names, Caller.ANNOTATION))).orElse(List.of());
    }

    /**
     * Whether nsunit isolates what this context runs: an nsunit annotation on it or around it, or the run's
     * default. nsunit may be registered for every test (extension auto-detection), so it must ask.
     */
    static boolean isIsolated(ExtensionContext context) {
        if (AnnotatedElements.outermostFirst(context).stream()
                .anyMatch(element -> AnnotationSupport.isAnnotated(element, Forked.class))) {
            return true;
        }
        if (!RunConfiguration.of(context).defaultIsolation().forked()) {
            return false;
        }
        // Isolated only by the run's default: a @TestFactory cannot be isolated, so it runs in-process as it would
        // without nsunit, with its @BeforeEach/@AfterEach, and its class's @BeforeAll/@AfterAll run here too.
        return context.getTestMethod().map(method -> !isTestFactory(method))
                .orElseGet(() -> context.getTestClass().map(type -> !hasTestFactory(type)).orElse(true));
    }

    private static boolean isTestFactory(java.lang.reflect.Method method) {
        return AnnotationSupport.isAnnotated(method, TestFactory.class);
    }

    private static boolean hasTestFactory(Class<?> type) {
        return !ReflectionSupport.findMethods(type, IsolationRequest::isTestFactory, HierarchyTraversalMode.TOP_DOWN)
                .isEmpty();
    }

    private static String validHostname(ExtensionContext context, String hostname) {
        return AnnotationRules.checked(context, "@IsolatedHostname(\"" + hostname + "\")",
                () -> IsolationRules.hostname(hostname));
    }
}
