package io.github.nsunit.internal.child;

import org.junit.platform.engine.TestEngine;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

/**
 * While a child started ahead of its test waits for it, it runs nsunit's own trivial test through a launcher of
 * its own, so JUnit's one-time start-up in this JVM (some 500 lambda call sites linked, annotation proxies made,
 * classes initialised, all in the interpreter: ~100 ms on 2 cores) is done before the test arrives instead of
 * after.
 *
 * <p>It is invisible to the run: the launcher registers no listeners, filters or engines from the class path,
 * only a Jupiter engine of its own; the request ignores {@code junit-platform.properties} and system properties
 * (no extension auto-detection, no parallel execution); and whatever goes wrong is ignored. It is skipped when
 * the assignment is already waiting on stdin: the child was started for its test, and would only be delayed.
 */
public final class WarmUp {
    /**
     * System property on the command of a child that may be started ahead of its test: {@code true} warms up
     * unless the assignment is already there, {@code always} warms up anyway (the training child of the
     * class-data-sharing archive, so the archive holds what the warm-up loads).
     */
    public static final String PROPERTY = "nsunit.internal.warm-up";
    static final String TEST_ID = "[engine:junit-jupiter]/[class:io.github.nsunit.internal.child.ArchiveTraining]"
            + "/[method:run()]";
    private static final String JUPITER_ENGINE = "org.junit.jupiter.engine.JupiterTestEngine";

    private WarmUp() {
    }

    static void runIfWaiting(InputStream stdin) {
        String setting = System.getProperty(PROPERTY, "false");
        if (!setting.equals("always") && (!setting.equals("true") || assignmentWaiting(stdin))) {
            return;
        }
        try {
            TestEngine jupiter = (TestEngine) Class.forName(JUPITER_ENGINE).getConstructor().newInstance();
            LauncherConfig config = LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestEngines(jupiter)
                    .build();
            LauncherFactory.create(config).execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectUniqueId(TEST_ID))
                    .enableImplicitConfigurationParameters(false)
                    .build());
        } catch (Exception | LinkageError e) {
            // only speed is lost: the test runs as it would have
        }
    }

    private static boolean assignmentWaiting(InputStream stdin) {
        try {
            return stdin.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }
}
