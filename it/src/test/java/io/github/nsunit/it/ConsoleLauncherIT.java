package io.github.nsunit.it;

import io.github.nsunit.it.SampleBuild.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles the sample project console-launcher with Maven, then runs its test class with the JUnit console
 * launcher ({@code java -jar junit-platform-console-standalone.jar execute}) of the JUnit version under test:
 * the child JVMs must get the launcher and engine from the standalone jar and the tests from its
 * {@code --class-path}, neither of which is on a class path Surefire made.
 */
class ConsoleLauncherIT {
    /** The console launcher's summary lines, e.g. "[         5 tests found           ]". */
    private static final Pattern SUMMARY = Pattern.compile("\\[\\s+(\\d+) tests (\\w+)\\s+]");
    private static final long TIMEOUT_MINUTES = 3;

    @ParameterizedTest(name = "JUnit {0}, console launcher {1}")
    @CsvSource({"5.14.4, 1.14.4", "6.1.3, 6.1.3"})
    void consoleLauncherReportsEachOutcome(String junit, String platform) throws Exception {
        SampleBuild build = SampleBuild.run("console-launcher", Options.copyNamed("console-launcher-junit" + junit)
                .with("junit.version", junit).with("console-standalone.version", platform), "test");
        assertThat(build.exitStatus()).as(build.describe()).isZero();
        Path standalone = OuterBuild.localRepository().resolve(Path.of("org", "junit", "platform",
                "junit-platform-console-standalone", platform, "junit-platform-console-standalone-" + platform + ".jar"));
        String classPath = Files.readString(build.directory().resolve("target/console-class-path.txt"));

        Path log = build.directory().resolve("console.log");
        Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", standalone.toString(), "execute", "--disable-banner", "--disable-ansi-colors",
                "--details=tree", "--details-theme=ascii", "--class-path", classPath, "--select-class", "sample.ConsoleSampleTest")
                .directory(build.directory().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        console.getOutputStream().close();
        if (!console.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            console.descendants().forEach(ProcessHandle::destroyForcibly);
            console.destroyForcibly().waitFor();
            throw new AssertionError("the console launcher did not finish within " + TIMEOUT_MINUTES
                    + " minutes and was killed; its output is in " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(console.exitValue()).as(output).isEqualTo(1); // the console launcher's status for failed tests
        assertThat(testCounts(output)).as(output).containsEntry("found", 5).containsEntry("started", 5)
                .containsEntry("successful", 3).containsEntry("failed", 2)
                .containsEntry("skipped", 0).containsEntry("aborted", 0);
        assertThat(output).contains(
                "org.opentest4j.AssertionFailedError: compared in the child JVM ==> expected: <expected-in-child>"
                        + " but was: <actual-in-child>",
                "io.github.nsunit.ChildJvmException: ConsoleSampleTest.exitsWithStatus3() called System.exit(3)");
        assertThat(failedTests(output)).containsExactlyInAnyOrder("exitsWithStatus3()", "failsWithAssertion()");
    }

    private static Map<String, Integer> testCounts(String output) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher matcher = SUMMARY.matcher(output);
        while (matcher.find()) {
            counts.put(matcher.group(2), Integer.parseInt(matcher.group(1)));
        }
        return counts;
    }

    /** The tests the tree marks as failed: "|   +-- exitsWithStatus3() [X] ...". */
    private static List<String> failedTests(String output) {
        return output.lines().filter(line -> line.contains(" [X]"))
                .map(line -> line.replaceAll("^[^a-zA-Z]*", "").replaceAll(" \\[X].*$", "")).toList();
    }
}
