package io.github.nsunit.internal.process;

import java.time.Duration;
import java.util.List;

/**
 * Keep a child whose test failed or timed out alive for {@code duration} before it is killed, so a developer can
 * enter it; {@code testName} names the test in what is printed meanwhile.
 */
public record DebugHold(Duration duration, String testName) {

    /**
     * What the test's output says while the child {@code pid} is held: how to enter its namespaces (nsenter), its
     * cgroups, and how to see its threads.
     */
    String announcement(String what, long pid) {
        List<String> nsenter = DebugEntry.nsenterOptions(pid);
        StringBuilder message = new StringBuilder("[nsunit] ").append(testName).append(' ').append(what)
                .append(": its child JVM (pid ").append(pid).append(") is held for ")
                .append(duration.toSeconds()).append(" s (nsunit.debug.hold), then killed.\n");
        if (nsenter.isEmpty()) {
            message.append("[nsunit]   it shares every namespace with this JVM\n");
        } else {
            message.append("[nsunit]   enter it: nsenter --target ").append(pid).append(' ')
                    .append(String.join(" ", nsenter)).append('\n');
        }
        DebugEntry.nsunitCgroups(pid).forEach(cgroup -> message.append("[nsunit]   cgroup: ").append(cgroup).append('\n'));
        message.append("[nsunit]   threads: jcmd ").append(pid).append(" Thread.print\n");
        return message.toString();
    }
}
