package io.github.nsunit;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A parent JVM of its own that runs every test of the fixture class named by the first argument at the same
 * time (JUnit parallel execution, parallelism from the second argument), for tests that kill the parent while
 * several kinds of isolated child are running.
 */
public final class ConcurrentParentJvmMain {
    private ConcurrentParentJvmMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", args[1])
                .build());
    }
}
