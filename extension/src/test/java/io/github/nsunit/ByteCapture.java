package io.github.nsunit;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs a fixture class through the real Jupiter engine with {@code System.out} going only to the given stream,
 * byte for byte: unlike {@link EngineRun}, nothing is decoded or copied to the build's own output, so binary
 * output can be compared exactly and 100 MB of it does not flood the build log.
 */
final class ByteCapture {
    private ByteCapture() {
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configurationParameters,
                                      OutputStream stdout) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true));
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(configurationParameters)
                    .selectors(selectClass(fixture))
                    .execute();
        } finally {
            System.setOut(original);
        }
    }
}
