package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Whether an isolated class's {@code @BeforeAll}/{@code @AfterAll} run in the parent as well as in each child.
 * JUnit computes a test template's invocations ({@code @ParameterizedTest} arguments from a {@code @MethodSource},
 * {@code @RepeatedTest}, any invocation context provider) in the parent, so a source that reads what
 * {@code @BeforeAll} prepared would see nothing there. A class with a test template, its own or a {@code @Nested}
 * class's, therefore gets its class-level lifecycle in the parent too, exactly as in-process; any other isolated
 * class keeps it only in its children, where its tests run, and the parent pays nothing for it.
 */
final class ParentClassLifecycle {
    private ParentClassLifecycle() {
    }

    static boolean runsInParent(ExtensionContext classContext) {
        return classContext.getTestClass().map(ParentClassLifecycle::hasTestTemplate).orElse(false);
    }

    private static boolean hasTestTemplate(Class<?> type) {
        if (!ReflectionSupport.findMethods(type, method -> AnnotationSupport.isAnnotated(method, TestTemplate.class),
                HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
            return true;
        }
        return ReflectionSupport.findNestedClasses(type, nested -> AnnotationSupport.isAnnotated(nested, Nested.class))
                .stream().anyMatch(ParentClassLifecycle::hasTestTemplate);
    }
}
