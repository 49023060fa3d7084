package io.github.nsunit.internal.extension;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.Locale;

/** What {@value Forked#LEAKS_PROPERTY_NAME} says to do about processes a test left running. */
enum LeakPolicy {
    WARN, FAIL, IGNORE;

    static LeakPolicy parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter " + Forked.LEAKS_PROPERTY_NAME + "=\""
                    + value + "\" is not a leak policy: expected warn, fail or ignore");
        }
    }
}
