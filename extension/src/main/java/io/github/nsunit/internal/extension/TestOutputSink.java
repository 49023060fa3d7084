package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.process.ChildEventSink;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Relays a child's output through this JVM's {@code System.out}/{@code System.err} and its report entries.
 * Run one test at a time, it prints as the child prints. Under JUnit's parallel execution it keeps the output
 * and prints it all just before the test ends, through the {@link ReportGate}, because the usual reporter
 * (Surefire) gives output to whichever test ends next.
 */
final class TestOutputSink implements ChildEventSink {
    /** What a batched test keeps before it prints early: memory stays bounded, attribution is then best effort. */
    static final int BATCH_LIMIT_BYTES = 16 << 20;
    static final String PARALLEL_PROPERTY = "junit.jupiter.execution.parallel.enabled";

    private final ExtensionContext context;
    private final boolean batched;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    TestOutputSink(ExtensionContext context) {
        this.context = context;
        this.batched = ReportGate.listening()
                && context.getConfigurationParameter(PARALLEL_PROPERTY).map(Boolean::parseBoolean).orElse(false);
    }

    @Override
    public void stdout(byte[] bytes) {
        relay(bytes, stdout, System.out);
    }

    @Override
    public void stderr(byte[] bytes) {
        relay(bytes, stderr, System.err);
    }

    /** A line of nsunit's own about this test (its figures), kept in order with the child's output. */
    void line(String text) {
        stdout((text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void reportEntry(Map<String, String> entry) {
        context.publishReportEntry(entry);
    }

    /** Prints what a batched test kept, as the last thing before the test ends. */
    synchronized void printBeforeTheEnd() {
        if (!batched || stdout.size() + stderr.size() == 0) {
            return;
        }
        try {
            ReportGate.enter(context.getUniqueId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // print anyway: the output is the test's, whatever ends it
        }
        flush(stdout, System.out);
        flush(stderr, System.err);
    }

    private synchronized void relay(byte[] bytes, ByteArrayOutputStream kept, PrintStream stream) {
        if (!batched) {
            stream.write(bytes, 0, bytes.length);
            stream.flush();
            return;
        }
        kept.write(bytes, 0, bytes.length);
        if (stdout.size() + stderr.size() > BATCH_LIMIT_BYTES) {
            flush(stdout, System.out);
            flush(stderr, System.err);
        }
    }

    private static void flush(ByteArrayOutputStream kept, PrintStream stream) {
        if (kept.size() > 0) {
            byte[] bytes = kept.toByteArray();
            stream.write(bytes, 0, bytes.length);
            stream.flush();
            kept.reset();
        }
    }
}
