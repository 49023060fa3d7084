package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.ChannelWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists the processes the test left running when it ended, for the parent to warn or fail about: the child
 * JVM's descendants, or in a PID namespace of its own every process there but the JVM and its ancestors (a
 * daemon that double-forked is no descendant any more, but still in the namespace).
 */
final class LeftoverProcesses {
    private static final int MAX_LISTED = 50;
    private static final int MAX_COMMAND_LINE = 200;

    private LeftoverProcesses() {
    }

    /** Sends the list when there is anything on it; never fails the child (the result is already decided). */
    static void report(boolean ownPidNamespace, ChannelWriter channel) {
        try {
            List<String> left = list(ownPidNamespace);
            if (!left.isEmpty()) {
                channel.leftoverProcesses(left);
            }
        } catch (RuntimeException cannotList) {
            // a /proc that cannot be read: the processes are still killed, only not named
        }
    }

    static List<String> list(boolean ownPidNamespace) {
        ProcessHandle self = ProcessHandle.current();
        Set<Long> excluded = new HashSet<>();
        excluded.add(self.pid());
        for (Optional<ProcessHandle> p = self.parent(); p.isPresent(); p = p.get().parent()) {
            excluded.add(p.get().pid());
        }
        try (Stream<ProcessHandle> candidates = ownPidNamespace ? ProcessHandle.allProcesses() : self.descendants()) {
            return candidates.filter(p -> !excluded.contains(p.pid()))
                    .filter(p -> !zombie(p.pid()))
                    .limit(MAX_LISTED)
                    .map(p -> p.pid() + " " + commandLine(p))
                    .collect(Collectors.toList());
        }
    }

    private static String commandLine(ProcessHandle process) {
        String line;
        try {
            line = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException gone) {
            line = "";
        }
        if (line.isEmpty()) {
            line = process.info().command().orElse("?");
        }
        return line.length() > MAX_COMMAND_LINE ? line.substring(0, MAX_COMMAND_LINE) + "..." : line;
    }

    /** An exited child the JVM has not reaped yet runs no code: not left running. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException gone) {
            return true;
        }
    }
}
