package io.github.nsunit.internal.parent;

import io.github.nsunit.internal.launcher.ChildEventSink;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/** Relays a child's output through this JVM's {@code System.out}/{@code System.err} and its report entries. */
final class TestOutputSink implements ChildEventSink {
    private final ExtensionContext context;

    TestOutputSink(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public void stdout(byte[] bytes) {
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }

    @Override
    public void stderr(byte[] bytes) {
        System.err.write(bytes, 0, bytes.length);
        System.err.flush();
    }

    @Override
    public void reportEntry(Map<String, String> entry) {
        context.publishReportEntry(entry);
    }
}
