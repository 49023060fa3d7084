package io.github.nsunit.internal.extension;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.util.Set;

/**
 * Learns the names of the run's JUnit configuration parameters (Surefire's {@code configurationParameters},
 * a launcher's {@code --config}), which an extension can read one by one but not list. Registered through
 * {@code META-INF/services}, so the launcher picks it up by itself.
 */
public final class ConfigurationCapture implements TestExecutionListener {
    private static volatile Set<String> keys = Set.of();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        ConfigurationParameters parameters = testPlan.getConfigurationParameters();
        keys = Set.copyOf(parameters.keySet());
    }

    static Set<String> keys() {
        return keys;
    }
}
