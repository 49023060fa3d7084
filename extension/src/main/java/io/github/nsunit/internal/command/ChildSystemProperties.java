package io.github.nsunit.internal.command;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The system properties a child JVM gets from its parent: the ones the user or the build tool set (Surefire's
 * {@code systemPropertyVariables}, {@code -D} options), not the ones every JVM derives for itself.
 */
final class ChildSystemProperties {
    private static final List<String> JVM_PREFIXES = List.of(
            "java.", "jdk.", "sun.", "os.", "user.", "file.", "line.", "path.", "native.", "stdout.", "stderr.",
            "awt.", "surefire.", "nsunit.child.");
    /** Derived by the JVM but worth keeping when set: they change behaviour and users do set them. */
    private static final List<String> KEPT = List.of(
            "java.io.tmpdir", "java.library.path", "java.util.logging.config.file", "user.timezone", "user.language", "user.country",
            "file.encoding");

    private ChildSystemProperties() {
    }

    static Map<String, String> of(Properties properties) {
        Map<String, String> selected = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value == null) {
                continue;
            }
            if (KEPT.contains(key)) {
                // derived ones are empty until the JVM sets them (user.timezone): empty there means unset
                if (!value.isEmpty()) {
                    selected.put(key, value);
                }
            } else if (JVM_PREFIXES.stream().noneMatch(key::startsWith)) {
                selected.put(key, value); // -Dfeature= is a value the user set: the test may read it as ""
            }
        }
        return selected;
    }
}
