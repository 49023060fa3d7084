package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The elements whose annotations apply to a test: enclosing classes of a {@code @Nested} class, its class, the method. */
final class AnnotatedElements {
    private AnnotatedElements() {
    }

    static List<AnnotatedElement> outermostFirst(ExtensionContext context) {
        List<AnnotatedElement> elements = new ArrayList<>();
        Class<?> type = context.getTestClass().orElse(null);
        while (type != null) {
            elements.add(type);
            type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass();
        }
        Collections.reverse(elements);
        context.getTestMethod().ifPresent(elements::add);
        return elements;
    }
}
