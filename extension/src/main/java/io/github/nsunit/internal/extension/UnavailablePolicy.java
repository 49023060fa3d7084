package io.github.nsunit.internal.extension;

import io.github.nsunit.NsunitProperties;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import io.github.nsunit.IsolationUnavailableException;
import org.opentest4j.TestAbortedException;

import io.github.nsunit.WhenUnavailable;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens when the host cannot give a test the isolation it asks for: fail (default) or skip, with the
 * same message either way: the test's {@link WhenUnavailable}, else {@value NsunitProperties#UNAVAILABLE}.
 */
enum UnavailablePolicy {
    FAIL, SKIP;

    /** The nearest {@link WhenUnavailable} of the test, else the run-wide parameter, else fail. */
    static UnavailablePolicy of(ExtensionContext context) {
        List<AnnotatedElement> elements = AnnotatedElements.outermostFirst(context);
        for (int i = elements.size() - 1; i >= 0; i--) {
            Optional<WhenUnavailable> nearest = AnnotationSupport.findAnnotation(elements.get(i), WhenUnavailable.class);
            if (nearest.isPresent()) {
                return nearest.get().value() == WhenUnavailable.Action.SKIP ? SKIP : FAIL;
            }
        }
        return runWide(context);
    }

    static UnavailablePolicy runWide(ExtensionContext context) {
        return context.getConfigurationParameter(NsunitProperties.UNAVAILABLE).map(value -> {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "fail":
                    return FAIL;
                case "skip":
                    return SKIP;
                default:
                    throw new ExtensionConfigurationException("configuration parameter "
                            + NsunitProperties.UNAVAILABLE + "=\"" + value + "\" is not valid: expected fail or skip");
            }
        }).orElse(FAIL);
    }

    /** The throwable that ends the test: the reason itself, or a skip carrying the same words. */
    RuntimeException apply(String testName, RuntimeException reason) {
        String message = testName + ": " + reason.getMessage();
        if (this == SKIP) {
            return new TestAbortedException(message, reason);
        }
        return new IsolationUnavailableException(message, reason);
    }
}
