package io.github.nsunit.bench;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of a test class through the JUnit Platform Launcher in this JVM: the total wall time, and each test's
 * own wall time from its start event to its finish event (for an isolated test, the whole life of its child).
 */
final class LauncherRun implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<Long> perTest = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private long totalNanos;

    static LauncherRun of(String className, List<String> methods, Map<String, String> configuration) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .configurationParameters(configuration);
        for (String method : methods) {
            builder.selectors(DiscoverySelectors.selectMethod(className + "#" + method));
        }
        LauncherDiscoveryRequest request = builder.build();
        LauncherRun run = new LauncherRun();
        Launcher launcher = LauncherFactory.create();
        long start = System.nanoTime();
        launcher.execute(request, run);
        run.totalNanos = System.nanoTime() - start;
        return run;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (identifier.isTest()) {
            started.put(identifier.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (identifier.isTest()) {
            perTest.add(System.nanoTime() - started.get(identifier.getUniqueId()));
        }
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(identifier.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString)
                    .orElse(result.getStatus().toString()));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        failures.add(identifier.getDisplayName() + " skipped: " + reason);
    }

    long totalNanos() {
        return totalNanos;
    }

    List<Long> perTestNanos() {
        return List.copyOf(perTest);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }
}
