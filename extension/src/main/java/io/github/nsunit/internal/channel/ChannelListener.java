package io.github.nsunit.internal.channel;

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
}
