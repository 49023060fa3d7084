package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.ChannelWriter;
import io.github.nsunit.internal.channel.ExitCall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reports a {@code System.exit} made by the test before the JVM goes. It runs as a shutdown hook, finds the
 * thread blocked in {@code Runtime.exit} and sends its stack, so the parent can name the line that ended the
 * JVM; the status itself the parent reads from the process.
 */
final class ExitReporter extends Thread {
    private final ChannelWriter channel;
    private volatile boolean finished;

    private ExitReporter(ChannelWriter channel) {
        super("nsunit-exit-reporter");
        this.channel = channel;
    }

    static ExitReporter install(ChannelWriter channel) {
        ExitReporter reporter = new ExitReporter(channel);
        Runtime.getRuntime().addShutdownHook(reporter);
        System.getProperties().put(ExitAgent.HOOK, (java.util.function.BiConsumer<String, Integer>) reporter::called);
        return reporter;
    }

    /** Called by the {@link ExitAgent}'s advice, on the exiting thread, where the agent was installed. */
    private void called(String method, Integer status) {
        if (finished) {
            return; // nsunit's own exit after the result
        }
        StackTraceElement[] stack = new Throwable().getStackTrace();
        for (int i = 0; i < stack.length; i++) {
            if ("java.lang.Runtime".equals(stack[i].getClassName()) && method.equals(stack[i].getMethodName())) {
                List<StackTraceElement> caller = new ArrayList<>(Arrays.asList(stack).subList(i + 1, stack.length));
                if (!caller.isEmpty() && "java.lang.System".equals(caller.get(0).getClassName())) {
                    caller.remove(0); // System.exit delegates to Runtime.exit
                }
                try {
                    channel.exitCall(new ExitCall(status, callName(method, stack, i), Thread.currentThread().getName(),
                            caller));
                } catch (RuntimeException channelGone) {
                    // the parent still sees the exit status
                }
                return;
            }
        }
    }

    private static String callName(String method, StackTraceElement[] stack, int runtimeFrame) {
        boolean viaSystem = runtimeFrame + 1 < stack.length
                && "java.lang.System".equals(stack[runtimeFrame + 1].getClassName());
        return (viaSystem ? "System." : "Runtime.") + method;
    }

    /** The child is exiting on its own, after it sent the result: nothing to report. */
    void finished() {
        finished = true;
    }

    @Override
    public void run() {
        if (finished) {
            return;
        }
        Descendants.kill();
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            List<StackTraceElement> caller = callerOfExit(thread.getValue());
            if (caller != null) {
                try {
                    channel.exitCall(new ExitCall(-1, exitCallName(thread.getValue()), thread.getKey().getName(),
                            caller));
                } catch (RuntimeException channelGone) {
                    // the parent still sees the exit status
                }
                return;
            }
        }
    }

    /** The frames below {@code System.exit}/{@code Runtime.exit}, or null if this thread is not exiting. */
    static List<StackTraceElement> callerOfExit(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            if (isExitFrame(stack[i])) {
                return new ArrayList<>(Arrays.asList(stack).subList(i + 1, stack.length));
            }
        }
        return null;
    }

    private static String exitCallName(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            if (isExitFrame(stack[i])) {
                String simpleClass = stack[i].getClassName().substring("java.lang.".length());
                return simpleClass + "." + stack[i].getMethodName();
            }
        }
        return "System.exit";
    }

    private static boolean isExitFrame(StackTraceElement frame) {
        String cls = frame.getClassName();
        return ("java.lang.System".equals(cls) || "java.lang.Runtime".equals(cls))
                && "exit".equals(frame.getMethodName());
    }
}
