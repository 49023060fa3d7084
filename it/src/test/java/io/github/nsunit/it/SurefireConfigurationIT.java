package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.Counts;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds the sample project surefire-config, whose @Forked tests each check in their child JVM one piece of
 * the project's Surefire configuration, and checks that they ran and passed. Its unforked control test shows
 * what a grandchild on Surefire's own stdout does without nsunit.
 */
class SurefireConfigurationIT {
    private static final String CONFIGURATION = "sample.ConfigurationTest";

    private static SampleBuild build;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("surefire-config", "test");
    }

    @Test
    void childJvmsSeeTheProjectsSurefireConfiguration() {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.summaries()).as(build.describe()).containsExactly(new Counts(7, 0, 0, 0));
        SurefireReports reports = build.reports("surefire-reports");
        assertThat(reports.testCases()).extracting(TestCase::className, TestCase::name, TestCase::outcome)
                .containsExactlyInAnyOrder(
                        tuple(CONFIGURATION, "systemPropertyVariables", PASSED),
                        tuple(CONFIGURATION, "argLineSystemProperty", PASSED),
                        tuple(CONFIGURATION, "environmentVariables", PASSED),
                        tuple(CONFIGURATION, "configurationParameter", PASSED),
                        tuple(CONFIGURATION, "runWideChildJvmArgs", PASSED),
                        tuple(CONFIGURATION, "annotationJvmArgs", PASSED),
                        tuple("sample.UnforkedGrandchildTest", "grandchildWritesToSurefiresStdout", PASSED));
    }

    /** The control for ForkedOutcomesIT: proves that its check for a corrupted channel can fail. */
    @Test
    void withoutNsunitAGrandchildOnSurefiresStdoutCorruptsTheChannel() {
        assertThat(build.log()).as(build.describe()).contains("Corrupted channel by directly writing to native stream");
        assertThat(build.reports("surefire-reports").dumpStreams()).isNotEmpty();
    }
}
