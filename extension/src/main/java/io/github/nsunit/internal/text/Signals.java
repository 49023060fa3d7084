package io.github.nsunit.internal.text;

import java.util.Map;

/** Names of the signals a child is likely to die of, for messages. */
public final class Signals {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"),
            Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"), Map.entry(31, "SIGSYS"));

    private Signals() {
    }

    /** The signal behind a {@link Process#exitValue()} above 128, or 0. */
    public static int fromExitStatus(int exitStatus) {
        return exitStatus > 128 && exitStatus < 128 + 65 ? exitStatus - 128 : 0;
    }

    public static String name(int signal) {
        return NAMES.getOrDefault(signal, "signal " + signal);
    }
}
