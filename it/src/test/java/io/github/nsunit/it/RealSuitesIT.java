package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.Outcome;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real open-source suites that no one here wrote, run from their published test jars: once as they are, once
 * isolated as a whole by {@code nsunit.isolation.default=forked}. Every test must end the same both times: same
 * status, same exception type for failures and errors (messages may differ: a helpful NullPointerException
 * message is computed in the JVM that threw it).
 */
class RealSuitesIT {

    /** What two runs of a test must share. */
    record Ending(String className, String name, Outcome outcome, String type) {
        static Ending of(TestCase test) {
            return new Ending(test.className(), test.name(), test.outcome(), test.type());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"real-suites-commons-cli", "real-suites-commons-codec"})
    void everyTestEndsIsolatedAsItDoesInProcess(String project) throws Exception {
        SampleBuild build = SampleBuild.run(project, "test");
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        List<Ending> inProcess = endings(build, "surefire-reports");
        assertThat(inProcess).as(build.describe()).isNotEmpty();
        assertThat(endings(build, "surefire-reports-forked")).as(build.describe())
                .containsExactlyInAnyOrderElementsOf(inProcess);
    }

    private static List<Ending> endings(SampleBuild build, String directory) {
        return build.reports(directory).testCases().stream().map(Ending::of).toList();
    }
}
