package io.github.nsunit;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A parent JVM of its own for tests that must kill the parent: runs the fixture class named by the argument
 * through the JUnit Platform launcher, as Surefire or an IDE would.
 */
public final class ParentJvmMain {
    private ParentJvmMain() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0]))).build());
    }
}
