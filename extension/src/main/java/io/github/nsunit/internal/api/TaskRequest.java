package io.github.nsunit.internal.api;

import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.plan.IsolationSpec;

import java.time.Duration;
import java.util.List;

/**
 * One programmatic run, validated: the task (serialized, or a class name), where its classes
 * come from, its isolation and the child JVM's options.
 *
 * @param memoryLimit the memory limit in words for messages ({@code memoryLimit(64M)}), empty when none
 */
public record TaskRequest(String taskName, Assignment.Work task, ClassLoader loader, IsolationSpec isolation,
                          List<String> jvmArgs, boolean fastStart, Duration timeout, boolean relayOutput,
                          String memoryLimit) {

    public TaskRequest {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
