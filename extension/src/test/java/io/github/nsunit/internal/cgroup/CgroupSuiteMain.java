package io.github.nsunit.internal.cgroup;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the named test classes without Maven, for the v2 VM where a Maven start costs a minute of emulated
 * CPU; exits 1 if any test failed or none ran.
 */
public final class CgroupSuiteMain {

    private CgroupSuiteMain() {
    }

    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args) {
            request.selectors(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest built = request.build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, listener, new SkipReporter());
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new PrintWriter(System.out));
        summary.printFailuresTo(new PrintWriter(System.out), 20);
        System.out.flush();
        boolean ok = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0
                && summary.getTestsSkippedCount() == 0 && summary.getTestsAbortedCount() == 0;
        System.out.println(ok ? "CGROUP SUITE PASSED: " + Arrays.toString(args) : "CGROUP SUITE FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** Prints each test's outcome as it finishes, so a slow VM run shows progress. */
    private static final class SkipReporter implements org.junit.platform.launcher.TestExecutionListener {
        @Override
        public void executionFinished(org.junit.platform.launcher.TestIdentifier id,
                org.junit.platform.engine.TestExecutionResult result) {
            if (id.isTest()) {
                System.out.println(result.getStatus() + " " + id.getDisplayName()
                        + result.getThrowable().map(t -> ": " + t).orElse(""));
            }
        }

        @Override
        public void executionSkipped(org.junit.platform.launcher.TestIdentifier id, String reason) {
            System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
        }
    }
}
