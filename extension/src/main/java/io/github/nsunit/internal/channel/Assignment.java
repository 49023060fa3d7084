package io.github.nsunit.internal.channel;

import java.util.Map;

/**
 * What a child is asked to do: run the test with this unique id, with these JUnit configuration parameters and
 * these settings for the isolation steps that run inside the child. Sent on the child's stdin, so a child can
 * be started before its test is known.
 */
public record Assignment(String testUniqueId, Map<String, String> configurationParameters,
                         Map<String, String> childSettings) {

    public Assignment {
        configurationParameters = Map.copyOf(configurationParameters);
        childSettings = Map.copyOf(childSettings);
    }
}
