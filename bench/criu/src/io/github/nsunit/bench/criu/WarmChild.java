package io.github.nsunit.bench.criu;

import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The prototype of a warmed child: opens a JUnit launcher session, optionally runs a warm-up test class
 * (its first argument), prints "ready" and blocks reading the next test class's name from stdin; then runs it,
 * prints one summary line and exits 0 when it passed, 1 when it did not. bench/criu/measure checkpoints it
 * while it blocks and restores copies of it, each of which runs one test class.
 */
public final class WarmChild {
    private WarmChild() {
    }

    public static void main(String[] args) throws Exception {
        try (LauncherSession session = LauncherFactory.openSession()) {
            if (args.length > 0) {
                run(session, args[0]);
            }
            System.out.println("ready");
            System.out.flush();
            String next = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long failed = run(session, next.trim());
            System.out.flush();
            System.exit(failed == 0 ? 0 : 1);
        }
    }

    private static long run(LauncherSession session, String className) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(className)).build(), summary);
        long failed = summary.getSummary().getTotalFailureCount();
        System.out.println("ran " + className + ": " + summary.getSummary().getTestsSucceededCount()
                + " passed, " + failed + " failed");
        return failed;
    }
}
