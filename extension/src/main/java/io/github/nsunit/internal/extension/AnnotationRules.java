package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.plan.IsolationRules;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/** Applies an {@link IsolationRules} check to an annotation's value: a refusal names the annotation and the test. */
final class AnnotationRules {
    private AnnotationRules() {
    }

    static <T> T checked(ExtensionContext context, String annotation, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(annotation + " on " + TestNames.of(context) + ": "
                    + e.getMessage(), e);
        }
    }
}
