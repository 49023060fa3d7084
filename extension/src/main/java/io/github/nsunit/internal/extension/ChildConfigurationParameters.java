package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JUnit configuration parameters a child runs with: the parent run's, minus those that would make the child
 * act as a run of its own (write reports). {@code junit-platform.properties} is on the child's class path and
 * read there anyway, and system properties reach the child too: what must not apply there is overridden
 * explicitly, since explicit parameters win over both.
 */
final class ChildConfigurationParameters {
    /** Known Jupiter parameters, passed even when the run's names could not be learned (e.g. EngineTestKit). */
    private static final List<String> WELL_KNOWN = List.of(
            "junit.jupiter.extensions.autodetection.enabled",
            "junit.jupiter.extensions.autodetection.include",
            "junit.jupiter.extensions.autodetection.exclude",
            "junit.jupiter.testinstance.lifecycle.default",
            "junit.jupiter.displayname.generator.default",
            "junit.jupiter.conditions.deactivate",
            "junit.jupiter.execution.timeout.default",
            "junit.jupiter.execution.timeout.mode",
            "junit.jupiter.execution.timeout.test.method.default",
            "junit.jupiter.execution.timeout.testable.method.default",
            "junit.jupiter.execution.timeout.testtemplate.method.default",
            "junit.jupiter.execution.timeout.thread.mode.default",
            "junit.jupiter.tempdir.cleanup.mode.default",
            "junit.jupiter.tempdir.scope");
    private static final List<String> NOT_FOR_CHILDREN = List.of(
            "junit.platform.reporting.", "junit.platform.output.", "junit.jupiter.execution.parallel.",
            "junit.platform.execution.listeners.");
    /**
     * The child runs exactly one test: parallel execution would only move it onto a ForkJoinPool thread, where a
     * heap OOM or a refused thread surfaces as the engine's failure instead of the test's own.
     */
    private static final Map<String, String> CHILD_OVERRIDES = Map.of(
            "junit.jupiter.execution.parallel.enabled", "false");

    private ChildConfigurationParameters() {
    }

    static Map<String, String> of(ExtensionContext context) {
        Set<String> keys = new LinkedHashSet<>(ConfigurationCapture.keys());
        keys.addAll(WELL_KNOWN);
        Map<String, String> parameters = new TreeMap<>();
        for (String key : keys) {
            if (NOT_FOR_CHILDREN.stream().noneMatch(key::startsWith)) {
                context.getConfigurationParameter(key).ifPresent(value -> parameters.put(key, value));
            }
        }
        parameters.putAll(CHILD_OVERRIDES);
        return parameters;
    }
}
