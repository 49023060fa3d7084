package io.github.nsunit.internal.parent;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long the parent lets a child run. JUnit's own timeout ({@code @Timeout} or its configuration defaults)
 * fires in the child and reports normally; the parent waits that long plus a grace period, for a child too
 * wedged to enforce it (deadlocked in native code, thrashing at its memory limit). Otherwise the run's
 * {@code nsunit.child.timeout}.
 */
final class WatchdogTimeout {
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final List<String> JUPITER_DEFAULTS = List.of(
            "junit.jupiter.execution.timeout.test.method.default",
            "junit.jupiter.execution.timeout.testtemplate.method.default",
            "junit.jupiter.execution.timeout.testable.method.default",
            "junit.jupiter.execution.timeout.default");

    private WatchdogTimeout() {
    }

    static Duration of(ExtensionContext context, RunConfiguration run) {
        return jupiterTimeout(context).map(t -> t.plus(GRACE)).orElse(run.childTimeout());
    }

    private static Optional<Duration> jupiterTimeout(ExtensionContext context) {
        List<AnnotatedElement> elements = AnnotatedElements.outermostFirst(context);
        for (int i = elements.size() - 1; i >= 0; i--) {
            Optional<Timeout> timeout = AnnotationSupport.findAnnotation(elements.get(i), Timeout.class);
            if (timeout.isPresent()) {
                return Optional.of(Duration.of(timeout.get().value(), timeout.get().unit().toChronoUnit()));
            }
        }
        for (String key : JUPITER_DEFAULTS) {
            Optional<Duration> configured = context.getConfigurationParameter(key).flatMap(TimeoutFormat::parse);
            if (configured.isPresent()) {
                return configured;
            }
        }
        return Optional.empty();
    }
}
