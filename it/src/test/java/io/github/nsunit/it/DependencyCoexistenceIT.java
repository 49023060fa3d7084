package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.nsunit.it.SurefireReports.Outcome.FAILED;
import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds dependency-coexistence, a project whose Mockito brings a byte-buddy pinned older and newer than the one
 * nsunit is built with: Mockito mocks with the user's byte-buddy in the test JVM and in a child, and
 * {@code @ExpectSystemExit} still catches System.exit, since nsunit's own byte-buddy is relocated into its jar.
 * Before that, the pin replaced nsunit's byte-buddy, and on 1.11 the agent could not instrument Runtime.
 */
class DependencyCoexistenceIT {

    @ParameterizedTest(name = "byte-buddy {0} with Mockito {1}")
    @CsvSource({"1.11.22, 4.0.0", "1.18.17, 5.24.0"})
    void mockitoAndTheExitAgentEachUseTheirOwnByteBuddy(String byteBuddy, String mockito) throws Exception {
        SampleBuild build = SampleBuild.run("dependency-coexistence",
                SampleBuild.Options.copyNamed("dependency-coexistence-" + byteBuddy)
                        .with("byte-buddy.version", byteBuddy).with("mockito.version", mockito), "test");

        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.reports("surefire-reports").testCases()).as(build.describe())
                .extracting(TestCase::className, TestCase::name, TestCase::outcome)
                .containsExactlyInAnyOrder(
                        tuple("sample.MockingTest", "mocksInProcess", PASSED),
                        tuple("sample.MockingTest", "mocksInAnIsolatedChild", PASSED),
                        tuple("sample.ExitTest", "exitIsCaught", PASSED),
                        tuple("sample.ExitTest", "haltIsToldApartFromExit", FAILED));
        // A child without a working agent still exits with the status, so only the halt shows the agent ran.
        assertThat(build.reports("surefire-reports").testCases())
                .filteredOn(test -> test.name().equals("haltIsToldApartFromExit"))
                .extracting(TestCase::message).singleElement().asString()
                .contains("was expected to call System.exit(4), but called Runtime.halt(4)");
    }
}
