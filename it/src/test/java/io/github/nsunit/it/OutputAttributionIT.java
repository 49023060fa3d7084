package io.github.nsunit.it;

import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the sample project output-attribution, which switches JUnit's parallel execution on: a class of
 * isolated tests running concurrently, beside a class of isolated tests running one after another and an
 * in-process concurrent class, every test printing five lines that name it. Surefire hands a fork's output to
 * whichever test ends next, so without care a concurrent test's lines land in another test's report. Every
 * isolated test's lines must be in its own report entry, and in no other.
 */
class OutputAttributionIT {
    private static final Pattern LINE = Pattern.compile("line \\d of (sample\\.\\w+)#(\\w+)\\[repetition (\\d) of 2]");
    private static final List<String> ISOLATED = List.of("sample.ConcurrentForkedTest", "sample.SameThreadForkedTest");

    private static SampleBuild build;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.run("output-attribution", "test");
    }

    @Test
    void everyIsolatedTestsOutputIsInItsOwnReport() {
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        List<TestCase> cases = build.reports("surefire-reports").testCases();
        assertThat(cases).as(build.describe()).hasSize(12);
        for (TestCase test : cases) {
            if (ISOLATED.contains(test.className())) {
                assertThat(linesOf(test.systemOut(), test.className() + "#" + testName(test)))
                        .as("the lines of %s %s in its report entry:%n%s", test.className(), test.name(),
                                test.systemOut())
                        .isEqualTo(5);
            }
            // in no report entry, in-process ones included, a line of another isolated test
            assertThat(foreignIsolatedLines(test))
                    .as("lines of other isolated tests in the report entry of %s %s", test.className(), test.name())
                    .isEmpty();
        }
    }

    /** {@code first(TestInfo)[2]} as the lines name it: {@code first[repetition 2 of 2]}. */
    private static String testName(TestCase test) {
        Matcher name = Pattern.compile("(\\w+)\\(TestInfo\\)\\[(\\d)]").matcher(test.name());
        assertThat(name.matches()).as("a repetition's name: %s", test.name()).isTrue();
        return name.group(1) + "[repetition " + name.group(2) + " of 2]";
    }

    private static long linesOf(String output, String owner) {
        return output.lines().filter(line -> line.startsWith("line ") && line.endsWith(" of " + owner)).count();
    }

    private static List<String> foreignIsolatedLines(TestCase test) {
        String own = test.className() + "#" + (ISOLATED.contains(test.className()) ? testName(test) : "");
        return test.systemOut().lines().filter(line -> {
            Matcher m = LINE.matcher(line);
            return m.find() && ISOLATED.contains(m.group(1)) && !line.endsWith(" of " + own);
        }).toList();
    }
}
