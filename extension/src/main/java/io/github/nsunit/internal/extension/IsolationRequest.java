package io.github.nsunit.internal.extension;

import io.github.nsunit.Forked;
import io.github.nsunit.IsolatedHostname;
import io.github.nsunit.IsolatedMount;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.plan.IsolationRules;
import io.github.nsunit.internal.plan.IsolationRules.Caller;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the annotations on a test ask for, read from the outermost enclosing class down to the method, so a
 * method's annotation refines its class's. Invalid attributes fail here, before any child starts.
 */
record IsolationRequest(List<String> jvmArgs, NamespaceRequest namespaces, Optional<String> hostname,
                        LimitsRequest limits, Expectations expectations, List<String> deniedSyscalls) {
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
            for (Namespace namespace : Namespace.values()) {
                if (AnnotationSupport.isAnnotated(element, namespace.annotation())) {
                    namespaces.addAll(namespace.withWhatItNeeds());
                }
            }
            // the two namespaces whose annotations carry attributes
            Optional<IsolatedMount> mount = AnnotationSupport.findAnnotation(element, IsolatedMount.class);
            if (mount.isPresent()) {
                freshTmp = mount.get().freshTmp();
            }
            Optional<IsolatedHostname> uts = AnnotationSupport.findAnnotation(element, IsolatedHostname.class);
            if (uts.isPresent()) {
                hostname = validHostname(context, uts.get().value());
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
