package io.github.nsunit.internal.channel;

import java.util.List;

/**
 * A call of {@code System.exit} or {@code Runtime.halt} in the child: the status when known (-1 otherwise), the
 * call ({@code "System.exit"}), the calling thread and its stack, outermost frame last.
 */
public record ExitCall(int status, String call, String threadName, List<StackTraceElement> stack) {

    public ExitCall {
        stack = List.copyOf(stack);
    }
}
