package io.github.nsunit.internal.command;

import java.io.IOException;
import java.util.UUID;

/**
 * Kills this JVM's children when it dies, for chains that lose the kernel's parent-death signal: a setuid
 * {@code sudo}, and the change back to the user after it, clear it, so a child started through sudo would
 * outlive a SIGKILLed parent. One watcher process per JVM, started on first need, blocks reading a pipe whose
 * only writer is this JVM; the kernel closes that pipe when this JVM dies, however it dies, and the watcher then
 * kills every child JVM whose command line carries this run's mark (the children run as this user, so no
 * privilege is needed). It costs no polling and nothing per test.
 */
final class OrphanWatch {
    static final String MARK_PROPERTY = "nsunit.run";
    private static final String RUN = UUID.randomUUID().toString();
    /** The mark is spelled out only in the children: the watcher's own command line holds the run id alone. */
    private static final String SCRIPT = "cat >/dev/null; exec pkill -KILL -f -- \"-D" + MARK_PROPERTY + "=$1\"";
    /** Held for this JVM's life: an unreachable Process could let its pipe be closed, firing the watcher. */
    private static Process watcher;

    private OrphanWatch() {
    }

    /** The JVM option that marks a child of this run, after starting the watcher if it is not running yet. */
    static synchronized String markedChildOption() throws IOException {
        if (watcher == null || !watcher.isAlive()) {
            watcher = new ProcessBuilder("sh", "-c", SCRIPT, "nsunit-orphan-watch", RUN)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        }
        return "-D" + MARK_PROPERTY + "=" + RUN;
    }
}
