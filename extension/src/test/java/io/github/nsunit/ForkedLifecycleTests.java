package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Points 3 and 4: exactly the intercepted test runs in the child, and no lifecycle method runs twice for it. */
class ForkedLifecycleTests {
    private static final String LOG_PROPERTY = "nsunit.test.lifecycle-log";
    private static final String PARENT = String.valueOf(EngineRun.parentPid());

    private static EngineRun kinds;

    @BeforeAll
    static void runKinds() {
        kinds = EngineRun.of(KindsTestCase.class);
    }

    @AfterAll
    static void forgetKinds() {
        kinds = null;
    }

    @Test
    void everyKindOfTestRunsInAChildOfItsOwn() {
        EngineRun run = kinds;

        run.results.testEvents().assertStatistics(stats -> stats.succeeded(6).failed(0));
        Map<String, Map<String, String>> entries = run.entries();
        assertThat(entries.keySet()).containsExactlyInAnyOrder("plain(TestReporter)", "[1] 7", "[2] 8",
                "repetition 1 of 2", "repetition 2 of 2", "inner(TestReporter)");
        assertThat(entries.values()).extracting(e -> e.get("pid")).doesNotContain(PARENT).doesNotHaveDuplicates();
        assertThat(entries.get("[1] 7")).containsEntry("argument", "7");
        assertThat(entries.get("[2] 8")).containsEntry("argument", "8");
        assertThat(entries.get("repetition 2 of 2")).containsEntry("repetition", "2");
    }

    @Test
    void aTestFactoryFailsWithAClearMessage() {
        EngineRun run = kinds;

        assertThat(run.failure("factory()"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("KindsTestCase.factory() is a @TestFactory")
                .hasMessageContaining("Isolate a @Test or @ParameterizedTest instead");
        assertThat(run.results.allEvents().dynamicallyRegistered().list())
                .noneMatch(e -> e.getTestDescriptor().getDisplayName().equals("dynamic"));
    }

    @Test
    void aPerClassInstanceIsFreshInEveryChild() {
        EngineRun run = EngineRun.of(PerClassTestCase.class);

        run.results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(run.entries().values()).extracting(e -> e.get("instance counter")).containsOnly("1");
    }

    @Test
    void aForkedClassRunsItsLifecycleMethodsInEachChildOnly(@TempDir Path dir) {
        Map<String, List<String>> calls = runLogging(LifecycleTestCase.class, dir);

        assertThat(calls).doesNotContainKey(PARENT).hasSize(2);
        assertThat(calls.values()).containsExactlyInAnyOrder(
                List.of("beforeAll", "beforeEach", "test first", "afterEach", "afterAll"),
                List.of("beforeAll", "beforeEach", "test second", "afterEach", "afterAll"));
    }

    @Test
    void withAForkedMethodOnlyTheParentRunsTheClassLifecycleForItsOtherTests(@TempDir Path dir) {
        Map<String, List<String>> calls = runLogging(PartlyForkedTestCase.class, dir);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(PARENT))
                .containsExactly("beforeAll", "beforeEach", "test notForked", "afterEach", "afterAll");
        calls.remove(PARENT);
        assertThat(calls.values()).containsExactly(
                List.of("beforeAll", "beforeEach", "test forked", "afterEach", "afterAll"));
    }

    /** Runs the fixture with a log that each lifecycle method appends its name and pid to; returns it by pid. */
    private static Map<String, List<String>> runLogging(Class<?> fixture, Path dir) {
        Path log = dir.resolve("lifecycle.log");
        System.setProperty(LOG_PROPERTY, log.toString());
        try {
            EngineRun run = EngineRun.of(fixture);
            run.results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
            Map<String, List<String>> byPid = new LinkedHashMap<>();
            for (String line : Files.readAllLines(log)) {
                int space = line.indexOf(' ');
                byPid.computeIfAbsent(line.substring(0, space), k -> new java.util.ArrayList<>())
                        .add(line.substring(space + 1));
            }
            return byPid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.clearProperty(LOG_PROPERTY);
        }
    }

    static void log(String call) {
        try {
            Files.writeString(Path.of(System.getProperty(LOG_PROPERTY)),
                    ProcessHandle.current().pid() + " " + call + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void reportPid(TestReporter reporter) {
        reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
    }

    @Forked
    static class KindsTestCase {
        @Test
        void plain(TestReporter reporter) {
            reportPid(reporter);
        }

        @ParameterizedTest
        @ValueSource(ints = {7, 8})
        void parameterized(int argument, TestReporter reporter) {
            reportPid(reporter);
            reporter.publishEntry("argument", String.valueOf(argument));
        }

        @RepeatedTest(2)
        void repeated(RepetitionInfo repetition, TestReporter reporter) {
            reportPid(reporter);
            reporter.publishEntry("repetition", String.valueOf(repetition.getCurrentRepetition()));
        }

        @TestFactory
        Stream<DynamicTest> factory() {
            return Stream.of(DynamicTest.dynamicTest("dynamic", () -> { }));
        }

        @Nested
        class Inner {
            @Test
            void inner(TestReporter reporter) {
                reportPid(reporter);
            }
        }
    }

    @Forked
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassTestCase {
        int counter;

        @Test
        void first(TestReporter reporter) {
            reporter.publishEntry("instance counter", String.valueOf(++counter));
        }

        @Test
        void second(TestReporter reporter) {
            reporter.publishEntry("instance counter", String.valueOf(++counter));
        }
    }

    @Forked
    static class LifecycleTestCase {
        @BeforeAll
        static void beforeAll() {
            log("beforeAll");
        }

        @BeforeEach
        void beforeEach() {
            log("beforeEach");
        }

        @Test
        void first() {
            log("test first");
        }

        @Test
        void second() {
            log("test second");
        }

        @AfterEach
        void afterEach() {
            log("afterEach");
        }

        @AfterAll
        static void afterAll() {
            log("afterAll");
        }
    }

    static class PartlyForkedTestCase {
        @BeforeAll
        static void beforeAll() {
            log("beforeAll");
        }

        @BeforeEach
        void beforeEach() {
            log("beforeEach");
        }

        @Test
        @Forked
        void forked() {
            log("test forked");
        }

        @Test
        void notForked() {
            log("test notForked");
        }

        @AfterEach
        void afterEach() {
            log("afterEach");
        }

        @AfterAll
        static void afterAll() {
            log("afterAll");
        }
    }
}
