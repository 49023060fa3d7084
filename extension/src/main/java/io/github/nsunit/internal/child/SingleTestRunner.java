package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.ChannelWriter;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/**
 * Runs one test, selected by its unique id, through the JUnit Platform launcher, with its whole lifecycle
 * ({@code @BeforeAll} to {@code @AfterAll}), and turns what happened into a {@link TestResult}.
 */
final class SingleTestRunner {
    private final ChannelWriter channel;

    /** Opened before the test is known; one request runs in it, then it is closed. */
    private static LauncherSession session;

    SingleTestRunner(ChannelWriter channel) {
        this.channel = channel;
    }

    /**
     * Opens the launcher session before the test is known: that loads and instantiates the test engines and the
     * registered listeners. (A launcher from {@code LauncherFactory.create()} would do all that again, inside
     * {@code execute}, for a session of its own per request: ~15 ms after the assignment, measured.)
     */
    static void prepareLauncher() {
        session = LauncherFactory.openSession();
    }

    /** Closes the prepared session unused: the child was assigned a task, not a test. */
    static void closePrepared() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    TestResult run(String uniqueId, Map<String, String> configurationParameters) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(uniqueId))
                .configurationParameters(configurationParameters)
                .build();
        Outcome outcome = new Outcome(UniqueId.parse(uniqueId));
        LauncherSession open = session != null ? session : LauncherFactory.openSession();
        session = null;
        try {
            open.getLauncher().execute(request, outcome);
        } finally {
            open.close(); // the session listeners' end, as after a launcher's own per-request session
        }
        return outcome.toResult(uniqueId);
    }

    /**
     * Follows the test and its containers. A container failing before the test started (e.g. in
     * {@code @BeforeAll}) is the test's failure; one failing after a passing test (e.g. in {@code @AfterAll})
     * fails the test too, since in this JVM that lifecycle belonged to this test alone.
     */
    private final class Outcome implements TestExecutionListener {
        private final UniqueId target;
        private TestExecutionResult testResult;
        private Throwable containerFailure;
        private String containerName;
        private String skipReason;

        Outcome(UniqueId target) {
            this.target = target;
        }

        @Override
        public void executionSkipped(TestIdentifier identifier, String reason) {
            if (isTargetOrAncestor(identifier) && skipReason == null) {
                skipReason = reason;
            }
        }

        @Override
        public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            if (isTarget(identifier)) {
                testResult = result;
            } else if (isTargetOrAncestor(identifier) && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                    && containerFailure == null) {
                containerFailure = result.getThrowable().orElse(null);
                containerName = identifier.getDisplayName();
                if (containerFailure != null && testResult != null && testResult.getThrowable().isPresent()
                        && testResult.getThrowable().get() != containerFailure) {
                    testResult.getThrowable().get().addSuppressed(containerFailure);
                }
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
            if (isTargetOrAncestor(identifier)) {
                channel.reportEntry(entry.getKeyValuePairs());
            }
        }

        private boolean isTarget(TestIdentifier identifier) {
            return identifier.getUniqueIdObject().equals(target);
        }

        private boolean isTargetOrAncestor(TestIdentifier identifier) {
            return target.hasPrefix(identifier.getUniqueIdObject());
        }

        TestResult toResult(String uniqueId) {
            if (testResult != null) {
                TestResult.Status status = switch (testResult.getStatus()) {
                    case SUCCESSFUL -> TestResult.Status.SUCCESSFUL;
                    case ABORTED -> TestResult.Status.ABORTED;
                    case FAILED -> TestResult.Status.FAILED;
                };
                if (status == TestResult.Status.SUCCESSFUL && containerFailure != null) {
                    return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(containerFailure),
                            containerName);
                }
                return new TestResult(status, testResult.getThrowable().map(ThrowableCodec::encode).orElse(null),
                        null);
            }
            if (containerFailure != null) {
                return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(containerFailure),
                        containerName);
            }
            if (skipReason != null) {
                return new TestResult(TestResult.Status.SKIPPED, null, skipReason);
            }
            return new TestResult(TestResult.Status.NOT_RUN, null,
                    "the child JVM's JUnit launcher found no test with unique id " + uniqueId
                            + "; is the class path of the child the same as the parent's?");
        }
    }
}
