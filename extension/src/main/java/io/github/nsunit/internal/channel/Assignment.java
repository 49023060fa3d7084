package io.github.nsunit.internal.channel;

import java.util.Map;

/**
 * What a child is asked to do: its work (a test, or a programmatic run's task), with these JUnit configuration
 * parameters and these settings for the isolation steps that run inside the child. Sent on the child's stdin,
 * so a child can be started before its work is known.
 */
public record Assignment(Work work, Map<String, String> configurationParameters, ChildSettings settings) {

    public Assignment {
        configurationParameters = Map.copyOf(configurationParameters);
    }

    /** A test, by its JUnit unique id, with the run's configuration parameters. */
    public static Assignment test(String uniqueId, Map<String, String> configurationParameters,
                                  ChildSettings settings) {
        return new Assignment(new Test(uniqueId), configurationParameters, settings);
    }

    /** The work a child does. */
    public sealed interface Work permits Test, SerializedTask, TaskClass {
    }

    /** Run the test with this JUnit unique id through the JUnit Platform launcher. */
    public record Test(String uniqueId) implements Work {
    }

    /** Run a programmatic task: a serialized {@code SerializableCallable} or {@code SerializableRunnable}. */
    public record SerializedTask(byte[] serialized) implements Work {
        public SerializedTask {
            serialized = serialized.clone();
        }

        @Override
        public byte[] serialized() {
            return serialized.clone();
        }
    }

    /** Run a programmatic task: a task class, created with its no-arg constructor in the child. */
    public record TaskClass(String className) implements Work {
    }
}
