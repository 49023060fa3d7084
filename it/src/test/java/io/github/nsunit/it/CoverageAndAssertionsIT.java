package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.github.nsunit.it.SurefireReports.Outcome.FAILED;
import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds the sample project coverage-assertions under jacoco-maven-plugin's prepare-agent and Surefire's default
 * assertions: a class exercised only by an isolated test is covered in JaCoCo's report, and {@code assert false}
 * fails an isolated test as it fails an in-process one. Both need the test JVM's options in the child.
 */
class CoverageAndAssertionsIT {
    private static SampleBuild build;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("coverage-assertions", "test");
    }

    @Test
    void jacocoCountsWhatAnIsolatedTestRan() throws IOException {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        Map<String, Integer> covered = coveredInstructions(build.directory().resolve("target/site/jacoco/jacoco.csv"));
        assertThat(covered).as("instructions covered per class, from JaCoCo's report")
                .containsKeys("OnlyIsolated", "OnlyInProcess", "NeverCalled");
        assertThat(covered.get("NeverCalled")).as("a class no test calls").isZero();
        assertThat(covered.get("OnlyInProcess")).as("a class only an in-process test calls").isPositive();
        assertThat(covered.get("OnlyIsolated")).as("a class only an isolated test calls").isPositive();
    }

    @Test
    void assertFailsInAnIsolatedTestAsInProcess() {
        List<TestCase> assertions = build.reports("surefire-reports").testCases().stream()
                .filter(test -> test.className().equals("sample.AssertionTest")).toList();
        assertThat(assertions).extracting(TestCase::name, TestCase::outcome, TestCase::type, TestCase::message)
                .containsExactlyInAnyOrder(
                        tuple("isolatedAssertFails", FAILED, "java.lang.AssertionError", "isolated assert"),
                        tuple("inProcessAssertFails", FAILED, "java.lang.AssertionError", "in-process assert"));
        assertThat(build.reports("surefire-reports").testCases())
                .filteredOn(test -> test.className().equals("sample.CoverageTest"))
                .extracting(TestCase::outcome).containsExactly(PASSED, PASSED);
    }

    /** JaCoCo's CSV report: GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,... */
    private static Map<String, Integer> coveredInstructions(Path csv) throws IOException {
        assertThat(csv).as(build.describe()).exists();
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).map(line -> line.split(","))
                .collect(Collectors.toMap(columns -> columns[2], columns -> Integer.parseInt(columns[4])));
    }
}
