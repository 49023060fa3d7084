package io.github.nsunit.internal.command;

import io.github.nsunit.internal.stage.CommandStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the channel FIFO as file descriptor 3 before any namespace is made: a path may vanish from view in a
 * new mount namespace, a descriptor does not. The child then writes to {@value #CHILD_PATH}. Only a FIFO is
 * opened: a shell's {@code >} would create a regular file where the FIFO went missing, and the result written
 * there would be lost without a word.
 */
public final class ChannelStage implements CommandStage {
    /** The status of a start that found no result channel to open (this stage's own exit). */
    public static final int NO_CHANNEL_STATUS = 125;
    static final String CHILD_PATH = "/proc/self/fd/3";
    private static final String SCRIPT = "[ -p \"$1\" ] || { echo \"nsunit: the result channel $1 is not a FIFO\" >&2;"
            + " exit " + NO_CHANNEL_STATUS + "; }; exec 3>\"$1\" || exit " + NO_CHANNEL_STATUS
            + "; shift; exec \"$@\"";

    private final Path fifo;

    ChannelStage(Path fifo) {
        this.fifo = fifo;
    }

    @Override
    public List<String> wrap(List<String> next) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "nsunit-channel", fifo.toString()));
        command.addAll(next);
        return command;
    }
}
