package io.github.nsunit;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * One run of a fixture class through the real Jupiter engine (EngineTestKit), with what the engine printed to
 * {@code System.out}/{@code System.err} captured, and the report entries published for each test.
 */
final class EngineRun {
    final EngineExecutionResults results;
    final String stdout;
    final String stderr;

    private EngineRun(EngineExecutionResults results, String stdout, String stderr) {
        this.results = results;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static EngineRun of(Class<?> fixture) {
        return of(fixture, Map.of());
    }

    static EngineRun of(Class<?> fixture, Map<String, String> configurationParameters) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(out, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, originalErr), true, StandardCharsets.UTF_8));
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(configurationParameters)
                    .selectors(selectClass(fixture))
                    .execute();
            return new EngineRun(results, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** The finished event of the test (or container) whose display name starts with {@code displayName}. */
    Event finished(String displayName) {
        List<Event> matching = results.allEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(displayName)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one finished event for " + displayName + ", found " + matching
                    + " among " + results.allEvents().finished().list());
        }
        return matching.get(0);
    }

    /** The throwable the test or container {@code displayName} finished with. */
    Throwable failure(String displayName) {
        Event event = finished(displayName);
        Optional<Throwable> throwable = event.getRequiredPayload(
                org.junit.platform.engine.TestExecutionResult.class).getThrowable();
        return throwable.orElseThrow(() -> new AssertionError(displayName + " finished without a throwable: "
                + event));
    }

    /** The report entries published for each test, by display name, merged in publication order. */
    Map<String, Map<String, String>> entries() {
        Map<String, Map<String, String>> entries = new LinkedHashMap<>();
        for (Event event : results.allEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .toList()) {
            ReportEntry entry = event.getRequiredPayload(ReportEntry.class);
            entries.computeIfAbsent(event.getTestDescriptor().getDisplayName(), k -> new LinkedHashMap<>())
                    .putAll(entry.getKeyValuePairs());
        }
        return entries;
    }

    /** The report entries of one test (or of the tests whose display name starts with it, in order). */
    List<Map<String, String>> entriesOf(String displayNamePrefix) {
        List<Map<String, String>> found = new ArrayList<>();
        entries().forEach((name, entry) -> {
            if (name.startsWith(displayNamePrefix)) {
                found.add(entry);
            }
        });
        return found;
    }

    static long parentPid() {
        return ProcessHandle.current().pid();
    }

    /** Copies to the capture and to the original stream, so a failing run still shows its output. */
    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream capture;
        private final java.io.OutputStream original;

        Tee(java.io.OutputStream capture, java.io.OutputStream original) {
            this.capture = capture;
            this.original = original;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            capture.write(b);
            original.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            capture.write(b, off, len);
            original.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            original.flush();
        }
    }
}
