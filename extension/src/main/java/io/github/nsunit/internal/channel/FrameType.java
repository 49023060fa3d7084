package io.github.nsunit.internal.channel;

/**
 * The kinds of frame on the result channel. Codes are part of the protocol: never renumber one; a reader skips
 * a code it does not know, so a newer child can talk to an older parent.
 */
enum FrameType {
    /** Parent to child: the test to run and the configuration to run it with. */
    ASSIGNMENT(1),
    /** Child to parent: a {@code TestReporter} entry. */
    REPORT_ENTRY(2),
    /** Child to parent: how the test ended. */
    RESULT(3),
    /** Child to parent: {@code System.exit} was called, with the calling thread's stack. */
    EXIT_CALL(4),
    /** Child to parent: a named figure measured in the child (e.g. memory at the start of the test body). */
    MEASUREMENT(5),
    /** Child to parent: what a programmatic run's task returned, Java-serialized ({@code Isolated.call}). */
    RETURN_VALUE(6),
    /** Child to parent: the processes the test left running when it ended, {@code "pid command line"} each. */
    LEFTOVER_PROCESSES(7);

    final int code;

    FrameType(int code) {
        this.code = code;
    }

    /** The frame's name in messages, e.g. "result". */
    String describe() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static FrameType of(int code) {
        for (FrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
