package io.github.nsunit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 3: JUnit computes a test template's invocations in the parent, so a {@code @MethodSource} that
 * reads what {@code @BeforeAll} prepared must find it there, with {@code @Forked} on the class and under the run's
 * default isolation; each invocation still runs in a child of its own, which runs {@code @BeforeAll} for itself.
 */
class TemplateArgumentsTests {
    private static final String PARENT = String.valueOf(EngineRun.parentPid());

    @Test
    void aForkedClassesMethodSourceSeesWhatBeforeAllPrepared() {
        assertEveryInvocationRanInAChild(EngineRun.of(ForkedSourceTestCase.class), "[1] apple", "[2] pear",
                "[3] plum");
    }

    @Test
    void underTheDefaultIsolationTheMethodSourceSeesWhatBeforeAllPrepared() {
        EngineRun run = EngineRun.of(PlainSourceTestCase.class, Map.of(
                "junit.jupiter.extensions.autodetection.enabled", "true",
                NsunitProperties.ISOLATION_DEFAULT, "forked"));
        assertEveryInvocationRanInAChild(run, "[1] apple", "[2] pear", "[3] plum", "[1] 1", "[2] 2");
    }

    private static void assertEveryInvocationRanInAChild(EngineRun run, String... invocations) {
        run.results.allEvents().assertStatistics(stats -> stats.failed(0));
        run.results.testEvents().assertStatistics(stats -> stats.succeeded(invocations.length));
        Map<String, Map<String, String>> entries = run.entries();
        assertThat(entries.keySet()).containsExactlyInAnyOrder(invocations);
        assertThat(entries.values()).extracting(e -> e.get("pid")).doesNotContain(PARENT).doesNotHaveDuplicates();
    }

    @Forked
    static class ForkedSourceTestCase {
        static List<String> fruit;

        @BeforeAll
        static void prepare() {
            fruit = new ArrayList<>(List.of("apple", "pear", "plum"));
        }

        static Stream<String> fruit() {
            return fruit.stream();
        }

        @ParameterizedTest
        @MethodSource("fruit")
        void ripe(String name, TestReporter reporter) {
            assertThat(fruit).contains(name);
            reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
        }
    }

    static class PlainSourceTestCase {
        static List<String> fruit;

        @BeforeAll
        static void prepare() {
            fruit = new ArrayList<>(List.of("apple", "pear", "plum"));
        }

        static Stream<String> fruit() {
            return fruit.stream();
        }

        @ParameterizedTest
        @MethodSource("fruit")
        void ripe(String name, TestReporter reporter) {
            assertThat(fruit).contains(name);
            reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
        }

        /** The outer class's state, read by a nested class's template. */
        @Nested
        class Crates {
            static Stream<Integer> crates() {
                return Stream.of(fruit.size() - 2, fruit.size() - 1);
            }

            @ParameterizedTest
            @MethodSource("crates")
            void counted(int crate, TestReporter reporter) {
                assertThat(crate).isPositive();
                reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
            }
        }
    }
}
