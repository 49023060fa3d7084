package io.github.nsunit.it;

import io.github.nsunit.it.SampleBuild.Options;
import io.github.nsunit.it.SurefireReports.Counts;
import io.github.nsunit.it.SurefireReports.TestCase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.github.nsunit.it.SurefireReports.Outcome.ERROR;
import static io.github.nsunit.it.SurefireReports.Outcome.FAILED;
import static io.github.nsunit.it.SurefireReports.Outcome.PASSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Builds the sample project compat-matrix once per cell of the compatibility matrix (JUnit version through its
 * BOM, Java release of the JVM running Maven, Surefire version) and checks that every cell reports exactly the
 * same outcomes, that the JVMs of each cell run one JUnit Platform version, the one under test, and that each
 * cell's children start from the archive its JDK makes: a class-data-sharing archive on Java 17 and 21, an
 * ahead-of-time cache on Java 25.
 */
class CompatibilityMatrixIT {
    private static final String MATRIX = "sample.MatrixTest";
    private static final Counts EXPECTED = new Counts(6, 1, 1, 0);

    /** One build: the axes, not their cross product; each JUnit release once on the default Java and Surefire. */
    record Cell(String junit, int java, String surefire) {
        /** The JUnit Platform release that belongs to this JUnit release (5.10.2 → 1.10.2; 6.x is 6.x). */
        String platformVersion() {
            return junit.startsWith("5.") ? "1." + junit.substring(2) : junit;
        }

        Path javaHome() {
            return Runtime.version().feature() == java ? Path.of(System.getProperty("java.home")) : Jdks.home(java);
        }

        @Override
        public String toString() {
            return "JUnit " + junit + ", Java " + java + ", Surefire " + surefire;
        }
    }

    static Stream<Cell> cells() {
        return Stream.of(
                new Cell("5.10.2", 17, "3.5.4"),
                new Cell("5.14.4", 17, "3.5.4"),
                new Cell("6.1.3", 17, "3.5.4"),
                new Cell("6.1.3", 25, "3.5.4"),
                new Cell("5.14.4", 21, "3.5.4"),
                new Cell("5.14.4", 17, "3.2.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void sameOutcomesInEveryCell(Cell cell) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(cell.javaHome().resolve("bin/java")),
                "no JDK " + cell.java() + " at " + cell.javaHome());
        String copyName = "compat-matrix-junit" + cell.junit() + "-java" + cell.java() + "-surefire" + cell.surefire();
        Path archives = fresh(OuterBuild.work().resolve(copyName + "-archives"));
        Path classLoading = fresh(OuterBuild.work().resolve(copyName + "-class-loading"));
        SampleBuild build = SampleBuild.run("compat-matrix", Options.copyNamed(copyName)
                .with("junit.version", cell.junit()).with("surefire.version", cell.surefire())
                .with("nsunit.child.class-data-sharing.directory", archives.toString())
                .with("nsunit.child.jvm-args", "-Xlog:class+load=info:file=" + classLoading + "/child-%p.log")
                .withJavaHome(cell.javaHome()), "test");
        System.out.printf("compatibility cell %s: exit status %d, %d s%n", cell, build.exitStatus(),
                build.duration().toSeconds());

        assertThat(build.exitStatus()).as(build.describe()).isZero();
        assertThat(build.log()).as(build.describe())
                .contains("maven-surefire-plugin:" + cell.surefire() + ":test");
        assertThat(build.summaries()).as(build.describe()).containsExactly(EXPECTED);
        SurefireReports reports = build.reports("surefire-reports");
        assertThat(reports.totals()).isEqualTo(EXPECTED);
        assertThat(reports.testCases()).extracting(TestCase::className, TestCase::name, TestCase::outcome)
                .containsExactlyInAnyOrder(
                        tuple(MATRIX, "passes", PASSED),
                        tuple(MATRIX, "failsWithAssertion", FAILED),
                        tuple(MATRIX, "exitsWithStatus3", ERROR),
                        tuple(MATRIX, "reportsItsJavaAndJUnitPlatform", PASSED),
                        tuple("sample.PidTest", "seesOnlyItsOwnProcesses", PASSED),
                        tuple("sample.PlainTest", "runsInSurefiresJvm", PASSED));

        TestCase assertion = reports.testCase(MATRIX, "failsWithAssertion");
        assertThat(assertion.type()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(assertion.message()).isEqualTo(
                "compared in the child JVM ==> expected: <expected-in-child> but was: <actual-in-child>");
        TestCase exit = reports.testCase(MATRIX, "exitsWithStatus3");
        assertThat(exit.type()).isEqualTo("io.github.nsunit.ChildJvmException");
        assertThat(exit.message()).startsWith("MatrixTest.exitsWithStatus3() called System.exit(3)");

        String onePlatform = "junit-platform versions=[" + cell.platformVersion() + "]\n";
        String suffix = cell.java() >= 25 ? ".aot" : ".jsa";
        assertThat(reports.testCase(MATRIX, "reportsItsJavaAndJUnitPlatform").systemOut())
                .isEqualTo("java.specification.version=" + cell.java() + "\n" + onePlatform
                        + "started from=" + suffix + ", mapped\n");
        assertThat(reports.testCase("sample.PlainTest", "runsInSurefiresJvm").systemOut()).isEqualTo(onePlatform);

        // One archive of the kind this JDK makes, nothing half-made left, and every child loaded nsunit from it.
        try (Stream<Path> files = Files.list(archives)) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(suffix);
        }
        List<String> childMainLoads = new ArrayList<>();
        try (Stream<Path> logs = Files.list(classLoading)) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                Files.readAllLines(log).stream().filter(l -> l.contains(" io.github.nsunit.internal.child.ChildMain "))
                        .forEach(childMainLoads::add);
            }
        }
        assertThat(childMainLoads).isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("source: shared objects file"));
    }

    private static Path fresh(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(directory);
    }
}
