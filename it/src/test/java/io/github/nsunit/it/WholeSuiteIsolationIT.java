package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.Counts;
import io.github.nsunit.it.SurefireReports.Outcome;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the sample project whole-suite, a plain JUnit suite without nsunit annotations, three times over:
 * as it is, and isolated as a whole by {@code nsunit.isolation.default} ({@code forked}, {@code pid,network})
 * with extension auto-detection. Each test must end exactly as it does without isolation, and must have run
 * in a child JVM of its own (its RanWhere listener records which JVM started which test).
 */
class WholeSuiteIsolationIT {
    private static final String AS_IS = "as-is";
    private static final String FORKED = "forked";
    private static final String PID_NETWORK = "pid-network";
    private static final String CHILD_MAIN = "io.github.nsunit.internal.child.ChildMain";
    private static final Counts EXPECTED = new Counts(16, 1, 0, 2);

    private static SampleBuild build;

    /** One line of a ran-where file: a JVM started this test. */
    record Start(String uniqueId, long pid, String mainClass, String pidNamespace, String netNamespace) {
        boolean inChild() {
            return mainClass.equals(CHILD_MAIN);
        }
    }

    /** What two runs of a test must share: how it ended, and why. */
    record Result(String className, String name, Outcome outcome, String type, String message) {
        static Result of(TestCase test) {
            return new Result(test.className(), test.name(), test.outcome(), test.type(), test.message());
        }
    }

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("whole-suite", "test");
    }

    @Test
    void everyRunCountsTheSame() {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.summaries()).as(build.describe()).containsExactly(EXPECTED, EXPECTED, EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {FORKED, PID_NETWORK})
    void everyTestEndsAsItDoesWithoutIsolation(String run) {
        List<Result> asIs = results(AS_IS);
        assertThat(asIs).hasSize(EXPECTED.tests());
        assertThat(results(run)).containsExactlyInAnyOrderElementsOf(asIs);
    }

    @Test
    void withoutIsolationEveryTestRanInSurefiresJvm() {
        List<Start> starts = starts(AS_IS);
        assertThat(starts).hasSize(EXPECTED.tests() - 1); // the @Disabled one never starts
        assertThat(starts).noneMatch(Start::inChild);
        assertThat(starts.stream().map(Start::pid).distinct()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {FORKED, PID_NETWORK})
    void isolatedEveryTestRanInAChildJvmOfItsOwn(String run) {
        Set<String> tests = starts(AS_IS).stream().map(Start::uniqueId).collect(Collectors.toSet());
        List<Start> starts = starts(run);
        List<Start> inParent = starts.stream().filter(s -> !s.inChild()).toList();
        List<Start> inChildren = starts.stream().filter(Start::inChild).toList();

        // dynamic tests cannot be isolated: they run in the parent only, as they would without nsunit
        Set<String> isolated = tests.stream().filter(id -> !id.contains("[dynamic-test:")).collect(Collectors.toSet());
        assertThat(isolated).hasSize(tests.size() - 2);
        assertThat(inParent).extracting(Start::uniqueId).containsExactlyInAnyOrderElementsOf(tests);
        assertThat(inParent.stream().map(Start::pid).distinct()).hasSize(1);
        assertThat(inChildren).extracting(Start::uniqueId).containsExactlyInAnyOrderElementsOf(isolated);
        if (run.equals(FORKED)) {
            assertThat(inChildren.stream().map(Start::pid).distinct()).hasSize(isolated.size())
                    .doesNotContain(inParent.get(0).pid());
            assertThat(inChildren).allMatch(s -> s.pidNamespace().equals(inParent.get(0).pidNamespace())
                    && s.netNamespace().equals(inParent.get(0).netNamespace()));
        }
    }

    /**
     * A small pid (the namespace's PID 1 is nsunit's sh; set-up steps such as bringing lo up with ip take the next
     * ones), in PID and network namespaces other than Surefire's. (Not
     * "one per test" by inode: the kernel reuses a dead namespace's inode number, so sequential tests may
     * show the same one.)
     */
    @Test
    void isolatedInNamespacesEveryChildRanInNewOnes() {
        List<Start> starts = starts(PID_NETWORK);
        Start parent = starts.stream().filter(s -> !s.inChild()).findFirst().orElseThrow();
        assertThat(starts.stream().filter(Start::inChild)).isNotEmpty().allSatisfy(child -> {
            assertThat(child.pid()).isBetween(2L, 4L);
            assertThat(child.pidNamespace()).startsWith("pid:[").isNotEqualTo(parent.pidNamespace());
            assertThat(child.netNamespace()).startsWith("net:[").isNotEqualTo(parent.netNamespace());
        });
    }

    private static List<Result> results(String run) {
        String directory = run.equals(AS_IS) ? "surefire-reports" : "surefire-reports-" + run;
        return build.reports(directory).testCases().stream().map(Result::of).toList();
    }

    private static List<Start> starts(String run) {
        Path file = build.directory().resolve("target").resolve("ran-where-" + run + ".tsv");
        try {
            return Files.readAllLines(file).stream().map(line -> line.split("\t")).map(f -> new Start(f[0],
                    Long.parseLong(f[1]), f[2], f[3], f[4])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; " + build.describe(), e);
        }
    }
}
