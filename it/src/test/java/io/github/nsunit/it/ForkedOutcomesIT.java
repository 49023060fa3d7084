package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.Counts;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.nsunit.it.SurefireReports.Outcome.ERROR;
import static io.github.nsunit.it.SurefireReports.Outcome.FAILED;
import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static io.github.nsunit.it.SurefireReports.Outcome.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds the sample project forked-outcomes, whose @Forked tests pass, fail, print, exit and start a
 * grandchild, and checks that Surefire reports each exactly as if it had run in Surefire's own JVM: once with
 * one fork and output in the XML report, once with two forks and output redirected to files.
 */
class ForkedOutcomesIT {
    private static final String ONE_FORK = "surefire-reports";
    private static final String TWO_FORKS_REDIRECTED = "surefire-reports-two-forks";
    private static final String OUTCOMES = "sample.OutcomesTest";
    private static final String LIFECYCLE = "sample.LifecycleTest";
    private static final Counts EXPECTED = new Counts(14, 2, 1, 2);

    private static SampleBuild build;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("forked-outcomes", "test");
    }

    @Test
    void buildSucceedsAndEachSurefireExecutionCountsExactly() {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.summaries()).as(build.describe()).containsExactly(EXPECTED, EXPECTED);
    }

    @Test
    void grandchildWritingToItsInheritedStdoutDoesNotCorruptSurefiresChannel() {
        assertThat(build.log()).as(build.describe()).doesNotContain("Corrupted channel");
        assertThat(build.reports(ONE_FORK).dumpStreams()).isEmpty();
        assertThat(build.reports(TWO_FORKS_REDIRECTED).dumpStreams()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {ONE_FORK, TWO_FORKS_REDIRECTED})
    void reportHasEveryTestWithItsOutcome(String reportsDirectory) {
        SurefireReports reports = build.reports(reportsDirectory);
        assertThat(reports.totals()).isEqualTo(EXPECTED);
        assertThat(reports.testCases()).extracting(TestCase::className, TestCase::name, TestCase::outcome)
                .containsExactlyInAnyOrder(
                        tuple(OUTCOMES, "passes", PASSED),
                        tuple(OUTCOMES, "failsWithAssertion", FAILED),
                        tuple(OUTCOMES, "printsToBothStreams", PASSED),
                        tuple(OUTCOMES, "exitsWithStatus3", ERROR),
                        tuple(OUTCOMES, "grandchildWritesToInheritedStdout", PASSED),
                        tuple(OUTCOMES, "assumptionFailsInChild", SKIPPED),
                        tuple(OUTCOMES, "disabled", SKIPPED),
                        tuple(LIFECYCLE, "beforeAllRanInThisChild", PASSED),
                        tuple(LIFECYCLE, "eachInvocationGetsAFreshJvm(String)[1]", PASSED),
                        tuple(LIFECYCLE, "eachInvocationGetsAFreshJvm(String)[2]", PASSED),
                        tuple(LIFECYCLE, "eachInvocationGetsAFreshJvm(String)[3]", PASSED),
                        tuple(LIFECYCLE, "isOdd(int)[1]", PASSED),
                        tuple(LIFECYCLE, "isOdd(int)[2]", FAILED),
                        tuple("sample.PlainTest", "runsInSurefiresJvm", PASSED));
    }

    @ParameterizedTest
    @ValueSource(strings = {ONE_FORK, TWO_FORKS_REDIRECTED})
    void failuresKeepTheChildsExceptionTypeAndMessage(String reportsDirectory) {
        SurefireReports reports = build.reports(reportsDirectory);
        TestCase assertion = reports.testCase(OUTCOMES, "failsWithAssertion");
        assertThat(assertion.type()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(assertion.message()).isEqualTo(
                "compared in the child JVM ==> expected: <expected-in-child> but was: <actual-in-child>");
        assertThat(assertion.detail()).contains("at sample.OutcomesTest.failsWithAssertion(OutcomesTest.java:");

        TestCase invocation = reports.testCase(LIFECYCLE, "isOdd(int)[2]");
        assertThat(invocation.type()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(invocation.message()).isEqualTo("2 is even ==> expected: <1> but was: <0>");

        TestCase assumption = reports.testCase(OUTCOMES, "assumptionFailsInChild");
        assertThat(assumption.type()).isEqualTo("org.opentest4j.TestAbortedException");
        assertThat(assumption.detail()).contains("Assumption failed: assumed-false-in-child");
    }

    @ParameterizedTest
    @ValueSource(strings = {ONE_FORK, TWO_FORKS_REDIRECTED})
    void systemExitIsAnErrorNamingTheTestAndTheCall(String reportsDirectory) {
        TestCase exit = build.reports(reportsDirectory).testCase(OUTCOMES, "exitsWithStatus3");
        assertThat(exit.type()).isEqualTo("io.github.nsunit.ChildJvmException");
        assertThat(exit.message()).startsWith("OutcomesTest.exitsWithStatus3() called System.exit(3)");
        assertThat(exit.detail()).contains("sample.OutcomesTest.exitsWithStatus3(OutcomesTest.java:");
    }

    @Test
    void childOutputIsThatTestsSystemOutAndSystemErrInTheXmlReport() {
        SurefireReports reports = build.reports(ONE_FORK);
        TestCase printing = reports.testCase(OUTCOMES, "printsToBothStreams");
        assertThat(printing.systemOut()).isEqualTo("stdout-line-from-child\n");
        assertThat(printing.systemErr()).isEqualTo("stderr-line-from-child\n");
        assertThat(reports.testCase(OUTCOMES, "grandchildWritesToInheritedStdout").systemOut())
                .isEqualTo("direct-to-fd1\n");
        assertThat(reports.testCase(LIFECYCLE, "eachInvocationGetsAFreshJvm(String)[2]").systemOut())
                .isEqualTo("invocation second saw count 1\n");
        assertThat(reports.testCases()).filteredOn(t -> !t.name().equals("printsToBothStreams"))
                .allSatisfy(t -> assertThat(t.systemOut() + t.systemErr()).doesNotContain("-line-from-child"));
    }

    @Test
    void childOutputIsInTheClassOutputFileWhenRedirected() {
        SurefireReports reports = build.reports(TWO_FORKS_REDIRECTED);
        assertThat(reports.outputFile(OUTCOMES).lines())
                .containsOnlyOnce("stdout-line-from-child", "stderr-line-from-child", "direct-to-fd1");
        assertThat(reports.outputFile(LIFECYCLE).lines()).containsExactlyInAnyOrder(
                "invocation first saw count 1", "invocation second saw count 1", "invocation third saw count 1");
    }
}
