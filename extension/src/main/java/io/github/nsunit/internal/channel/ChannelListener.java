package io.github.nsunit.internal.channel;

import java.util.List;
import java.util.Map;

/** Receives what a child reports, in the order it was sent. Called on the channel's reader thread. */
public interface ChannelListener {

    void reportEntry(Map<String, String> entry);

    void result(TestResult result);

    void exitCall(ExitCall call);

    void measurement(String name, long value);

    /** What a programmatic run's task returned, serialized; only children started by the API send it. */
    default void returnValue(byte[] serialized) {
    }

    /** The processes the test left running, {@code "pid command line"} each; ignored unless overridden. */
    default void leftoverProcesses(List<String> processes) {
    }
}
