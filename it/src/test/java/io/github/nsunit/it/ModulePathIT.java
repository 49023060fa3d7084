package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.Counts;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.github.nsunit.it.SurefireReports.Outcome.FAILED;
import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds the sample project jpms-module, a named module whose tests Surefire runs on the module path, and
 * checks that its @Forked tests run in child JVMs that load them from the same module.
 */
class ModulePathIT {
    private static final String GREETER = "sample.greeter.GreeterTest";

    private static SampleBuild build;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("jpms-module", "test");
    }

    @Test
    void surefireRanTheTestsOnTheModulePath() {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.reports("surefire-reports").testCase(GREETER, "runsInTheNamedModuleInSurefiresJvm").outcome())
                .as("the control: Surefire's own JVM has the test class in the named module").isEqualTo(PASSED);
    }

    @Test
    void forkedTestsRunInTheNamedModuleOfTheirChildJvm() {
        assertThat(build.summaries()).as(build.describe()).containsExactly(new Counts(3, 1, 0, 0));
        SurefireReports reports = build.reports("surefire-reports");
        assertThat(reports.testCases()).extracting(TestCase::name, TestCase::outcome).containsExactlyInAnyOrder(
                tuple("runsInTheNamedModuleInAChildJvm", PASSED),
                tuple("failsInTheNamedModuleInAChildJvm", FAILED),
                tuple("runsInTheNamedModuleInSurefiresJvm", PASSED));
        assertThat(reports.testCase(GREETER, "runsInTheNamedModuleInAChildJvm").systemOut())
                .isEqualTo("child module path: " + build.directory().resolve("target/classes") + "\n");
    }

    @Test
    void aFailureInTheModuleKeepsItsTypeAndMessage() {
        TestCase failure = build.reports("surefire-reports").testCase(GREETER, "failsInTheNamedModuleInAChildJvm");
        assertThat(failure.type()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(failure.message()).isEqualTo(
                "compared in the module ==> expected: <Hello, you!> but was: <Hello, module!>");
        assertThat(failure.detail()).contains("at sample.greeter@1.0/sample.greeter.GreeterTest."
                + "failsInTheNamedModuleInAChildJvm(GreeterTest.java:");
    }
}
