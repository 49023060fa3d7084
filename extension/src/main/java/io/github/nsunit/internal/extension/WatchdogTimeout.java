package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
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
                return Optional.of(annotated(context, timeout.get()));
            }
        }
        for (String key : JUPITER_DEFAULTS) {
            Optional<String> value = context.getConfigurationParameter(key);
            if (value.isPresent() && TimeoutFormat.inFormat(value.get())) {
                return Optional.of(configured(context, key, value.get()));
            }
            // JUnit ignores a value not in its format, with a warning, and so does nsunit
        }
        return Optional.empty();
    }

    private static Duration annotated(ExtensionContext context, Timeout timeout) {
        long nanos = timeout.unit().toNanos(timeout.value()); // saturates at Long.MAX_VALUE instead of overflowing
        if (nanos > TimeoutFormat.MAX.toNanos()) {
            throw new ExtensionConfigurationException("@Timeout(value = " + timeout.value() + ", unit = "
                    + timeout.unit() + ") on " + TestNames.of(context) + ": nsunit's watchdog waits for JUnit's"
                    + " timeout plus " + GRACE.toSeconds() + " s, which must fit the nanosecond clock: expected a"
                    + " timeout up to " + TimeoutFormat.MAX.toDays() + " days");
        }
        return Duration.ofNanos(nanos);
    }

    /** A value in JUnit's format that JUnit would apply; one too long for nsunit's watchdog is refused. */
    private static Duration configured(ExtensionContext context, String key, String value) {
        return TimeoutFormat.parse(value).orElseThrow(() -> new ExtensionConfigurationException(
                "configuration parameter " + key + "=\"" + value + "\" for " + TestNames.of(context)
                        + ": longer than nsunit's watchdog can wait (it waits for JUnit's timeout plus "
                        + GRACE.toSeconds() + " s, on the nanosecond clock): expected " + TimeoutFormat.ACCEPTED));
    }
}
