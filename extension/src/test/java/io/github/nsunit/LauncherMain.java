package io.github.nsunit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A parent JVM of its own for tests that must run the engine as another user: runs fixture classes through the
 * JUnit Platform launcher and prints one parseable line per test result and report entry. Each argument is a
 * run, {@code label|fixture class|key=value|...} with the run's configuration parameters.
 *
 * <pre>RESULT|label|method|STATUS|throwable class|message (newlines as \n)
 * ENTRY|label|method|key|value</pre>
 */
public final class LauncherMain {
    private LauncherMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        for (String run : args) {
            String[] parts = run.split("\\|");
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Class.forName(parts[1])));
            Arrays.stream(parts).skip(2).map(p -> p.split("=", 2))
                    .forEach(kv -> request.configurationParameter(kv[0], kv[1]));
            LauncherFactory.create().execute(request.build(), new Printer(parts[0]));
        }
        System.out.flush();
    }

    /** Prints what the run's tests did. */
    private static final class Printer implements TestExecutionListener {
        private final String label;

        Printer(String label) {
            this.label = label;
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                String thrown = result.getThrowable().map(t -> t.getClass().getName() + "|" + oneLine(t.getMessage()))
                        .orElse("|");
                System.out.println("RESULT|" + label + "|" + method(test) + "|" + result.getStatus() + "|" + thrown);
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> System.out.println("ENTRY|" + label + "|" + method(test)
                    + "|" + key + "|" + oneLine(value)));
        }

        private static String method(TestIdentifier test) {
            String name = test.getDisplayName();
            return name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        }

        private static String oneLine(String text) {
            return String.valueOf(text).replace("\\", "\\\\").replace("\n", "\\n");
        }
    }
}
