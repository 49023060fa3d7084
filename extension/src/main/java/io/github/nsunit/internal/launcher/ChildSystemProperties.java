package io.github.nsunit.internal.launcher;

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
            if (KEPT.contains(key) || JVM_PREFIXES.stream().noneMatch(key::startsWith)) {
                String value = properties.getProperty(key);
                if (value != null && !value.isEmpty()) {
                    selected.put(key, value);
                }
            }
        }
        return selected;
    }
}
