package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Processes a test leaves running are named in its output (or fail it, with nsunit.leaks=fail), then killed. */
class LeakTests {

    @Test
    void processesLeftInAPidNamespaceAreNamedInTheTestsOutputByDefault() throws Exception {
        String marker = Processes.newMarker("leak");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(PidNamespaceLeakTestCase.class));

            FaultTests.assertPassed(run, "leavesTwo");
            assertThat(run.stderr).containsPattern("\\[nsunit] LeakTests.PidNamespaceLeakTestCase.leavesTwo\\(\\) left"
                    + " 2 processes running in its PID namespace \\(pids as seen there\\): \\d+ " + marker
                    + "-a 300, \\d+ " + marker + "-b 300\\. nsunit killed them");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    @Test
    void withLeaksFailTheTestFailsNamingWhatItLeft() throws Exception {
        String marker = Processes.newMarker("leak");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(PidNamespaceLeakTestCase.class,
                    Map.of(Forked.LEAKS_PROPERTY_NAME, "fail")));

            assertThat(run.failure("leavesTwo")).isExactlyInstanceOf(AssertionFailedError.class)
                    .hasMessageStartingWith("[nsunit] LeakTests.PidNamespaceLeakTestCase.leavesTwo() left 2 processes")
                    .hasMessageContaining(marker + "-a 300");
            assertThat(run.stderr).doesNotContain("left 2 processes");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    @Test
    void aPlainForkedTestsDescendantsAreNamedWithTheirHostPids() throws Exception {
        String marker = Processes.newMarker("leak");
        try {
            EngineRun run = Processes.withMarker(marker, () -> EngineRun.of(PlainLeakTestCase.class));

            FaultTests.assertPassed(run, "leavesOne");
            assertThat(run.stderr).containsPattern("\\[nsunit] LeakTests.PlainLeakTestCase.leavesOne\\(\\) left 1"
                    + " process running: \\d+ " + marker + "-a 300\\. nsunit killed it");
            assertThat(Processes.remaining(marker, Duration.ofSeconds(1))).isEmpty();
        } finally {
            Processes.kill(marker);
        }
    }

    @Test
    void aTestThatStopsWhatItStartedGetsNoWarning() {
        EngineRun run = EngineRun.of(TidyTestCase.class);

        FaultTests.assertPassed(run, "waitsForItsProcess");
        assertThat(run.stderr).doesNotContain("[nsunit]");
    }

    @Test
    void aLeakPolicyThatIsNotKnownFailsNamingTheAcceptedValues() {
        EngineRun run = EngineRun.of(TidyTestCase.class, Map.of(Forked.LEAKS_PROPERTY_NAME, "panic"));

        assertThat(run.failure("waitsForItsProcess")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.leaks=\"panic\" is not a leak policy: expected warn,"
                        + " fail or ignore");
    }

    static void startSleep(String suffix) throws IOException {
        new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 300", System.getProperty(Processes.MARKER_PROPERTY) + suffix)
                .redirectOutput(new File("/dev/null")).start();
    }

    @IsolatedPid
    static class PidNamespaceLeakTestCase {
        @Test
        void leavesTwo() throws Exception {
            startSleep("-a");
            startSleep("-b");
            Thread.sleep(200); // until both have exec'd sleep under their names
        }
    }

    @Forked
    static class PlainLeakTestCase {
        @Test
        void leavesOne() throws Exception {
            startSleep("-a");
            Thread.sleep(200);
        }
    }

    @Forked
    static class TidyTestCase {
        @Test
        void waitsForItsProcess() throws Exception {
            assertThat(new ProcessBuilder("true").start().waitFor()).isZero();
        }
    }
}
