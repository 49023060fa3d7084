package io.github.nsunit.internal.extension;

import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.namespace.Namespace;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The isolation every test of the run gets ({@value NsunitProperties#ISOLATION_DEFAULT}): none, a fork, or a
 * fork into these namespaces. With it, an existing suite runs hermetically without an annotation in sight.
 */
record DefaultIsolation(boolean forked, Set<Namespace> namespaces) {
    static final DefaultIsolation NONE = new DefaultIsolation(false, Set.of());
    private static final String ACCEPTED = "none, forked, or a comma-separated list of " + Namespace.defaultNames();

    DefaultIsolation {
        namespaces = namespaces.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(namespaces));
    }

    static DefaultIsolation parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty() || text.equals("none")) {
            return NONE;
        }
        Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        for (String word : text.split("[,\\s]+")) {
            if (word.equals("forked")) {
                continue;
            }
            Optional<Namespace> namespace = Namespace.ofDefaultName(word);
            if (namespace.isEmpty()) {
                throw new ExtensionConfigurationException("configuration parameter " + NsunitProperties.ISOLATION_DEFAULT
                        + "=\"" + value + "\": \"" + word + "\" is not an isolation; expected " + ACCEPTED);
            }
            namespaces.add(namespace.get());
        }
        return new DefaultIsolation(true, namespaces);
    }
}
