package io.github.nsunit;

import org.apiguardian.api.API;

import java.util.OptionalInt;

/**
 * An isolated test's child JVM ended without reporting a result of the test: it called {@code System.exit},
 * was killed by a signal, crashed, or was stopped by nsunit's watchdog. The message names the test and what
 * happened; {@link #reason()} tells the cases apart for code. For a {@code System.exit} call, the stack trace
 * is the stack of that call in the child.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ChildJvmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the child ended. */
    public enum Reason {
        /** The test (or code it called) called {@code System.exit} or {@code Runtime.exit}. */
        SYSTEM_EXIT,
        /** The JVM exited with a status but no exit call was seen ({@code Runtime.halt}, a native exit). */
        EXITED,
        /** The JVM was killed by a signal it did not handle (SIGKILL from outside, SIGSEGV in native code). */
        KILLED_BY_SIGNAL,
        /** The JVM itself crashed (a fatal error in the JVM or native code; it writes an hs_err report). */
        CRASHED,
        /** The kernel's OOM killer killed the child: its cgroup reached the {@code @MemoryLimit}. */
        OOM_KILLED,
        /** The child did not finish within the watchdog's limit and was killed. */
        TIMED_OUT,
        /** The child could not be started, or ran but did not run the test. */
        NOT_RUN,
        /**
         * The child's result channel held bytes the protocol does not allow (a count out of bounds, a frame that
         * ends early, an unknown status): nothing it reported after that is believed.
         */
        CHANNEL_CORRUPTED
    }

    private final Reason reason;
    private final int exitStatus;

    public ChildJvmException(Reason reason, int exitStatus, String message) {
        super(message);
        this.reason = reason;
        this.exitStatus = exitStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** The child's exit status as {@link Process#exitValue()} gives it (128 + n for signal n), if it ended. */
    public OptionalInt exitStatus() {
        return exitStatus < 0 ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }
}
