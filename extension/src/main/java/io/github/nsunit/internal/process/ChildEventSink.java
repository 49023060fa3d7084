package io.github.nsunit.internal.process;

import java.util.Map;

/**
 * Where a running child's output and report entries go. Called only on the thread that awaits the child (the
 * test's own thread), which is what lets Surefire attribute the output to the running test.
 */
public interface ChildEventSink {

    void stdout(byte[] bytes);

    void stderr(byte[] bytes);

    void reportEntry(Map<String, String> entry);
}
