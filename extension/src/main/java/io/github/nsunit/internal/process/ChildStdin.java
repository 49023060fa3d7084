package io.github.nsunit.internal.process;

import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.channel.AssignmentCodec;
import io.github.nsunit.internal.command.ChildSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The parent's end of a child's stdin, which is how the parent talks to a waiting child: the assignment, the
 * go-ahead after a handshake measurement, and the release (closing it). Stdin stays open only while a handshake
 * is still to come or a debug hold may keep the child.
 */
final class ChildStdin {
    private OutputStream stdin;
    private Optional<ChildSpec.Handshake> handshake = Optional.empty();
    private boolean held;

    /** Sends the assignment; with no handshake to come and no hold, releases the child at once. */
    void assign(OutputStream stream, ChildSpec spec, boolean hold) {
        stdin = stream;
        handshake = spec.handshake();
        held = hold;
        try {
            AssignmentCodec.write(spec.assignment(), stdin);
        } catch (IOException childAlreadyGone) {
            // its exit status and stderr will say why
        }
        if (handshake.isEmpty() && !held) {
            release();
        }
    }

    boolean assigned() {
        return stdin != null;
    }

    void release() {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // the child is gone: nothing to tell it
        }
    }

    /**
     * The child waits on stdin after a handshake measurement: act on the cgroup, then let it go on. Returns what
     * failed, if the handshake did (the caller then kills the child).
     */
    Optional<String> measured(String name, long value, Optional<TestCgroup> cgroup) {
        Optional<ChildSpec.Handshake> due = handshake.filter(h -> h.name().equals(name));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        try {
            due.get().action().accept(cgroup.orElseThrow(() -> new IllegalStateException(
                    "the child has no cgroup to act on")), value);
            stdin.write('g');
            stdin.flush();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("handshake " + name + " failed: " + e);
        } finally {
            if (!held) {
                release();
            }
        }
    }
}
