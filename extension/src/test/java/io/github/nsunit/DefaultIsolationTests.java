package io.github.nsunit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** nsunit.isolation.default with extension auto-detection isolates tests that carry no annotation. */
class DefaultIsolationTests {
    /** The test JVM's pid, passed to children as a system property (a static field would be the child's own). */
    static final String PARENT_PID = "nsunit.test.parent-pid";

    @org.junit.jupiter.api.BeforeAll
    static void tellChildrenTheParentPid() {
        System.setProperty(PARENT_PID, Long.toString(ProcessHandle.current().pid()));
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetTheParentPid() {
        System.clearProperty(PARENT_PID);
    }

    @Test
    void withoutTheDefaultAnUnannotatedTestRunsInProcessEvenWhenNsunitIsAutoDetected() {
        EngineExecutionResults results = run(PlainTestCase.class, "none");
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(0).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1,
                event(test("inChildJvm"), finishedWithFailure(message(m -> m.contains("ran in the parent")))));
    }

    @Test
    void forkedDefaultRunsEveryTestInAChildAndBeforeAllOnlyThere() throws Exception {
        Path marker = Files.createTempFile("nsunit-default-", ".log");
        try {
            System.setProperty("nsunit.test.marker", marker.toString());
            EngineExecutionResults results = run(PlainTestCase.class, "forked");
            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            assertThat(Files.readAllLines(marker)).hasSize(1).allMatch(pid -> !pid.equals(System.getProperty(PARENT_PID)));
        } finally {
            System.clearProperty("nsunit.test.marker");
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void namespaceDefaultGivesEveryTestThoseNamespaces() {
        run(PidTestCase.class, "pid").testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aTestFactoryRunsInProcessUnderTheDefaultWithItsLifecycleAndItsClassesOtherTestsStillFork() {
        EngineExecutionResults results = run(WithFactoryTestCase.class, "forked");
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2)); // the dynamic test and stillForked
    }

    @Test
    void anUnknownDefaultFailsWithTheAcceptedValues() {
        run(PlainTestCase.class, "pid,warp").allEvents().assertThatEvents().haveExactly(1, event(
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("\"warp\" is not an isolation; expected none, forked, or")))));
    }

    private static EngineExecutionResults run(Class<?> testClass, String isolation) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(NsunitProperties.ISOLATION_DEFAULT, isolation)
                .selectors(selectClass(testClass)).execute();
    }

    static class PlainTestCase {
        @BeforeAll
        static void recordWhereBeforeAllRuns() throws Exception {
            String marker = System.getProperty("nsunit.test.marker");
            if (marker != null) {
                Files.writeString(Path.of(marker), ProcessHandle.current().pid() + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }

        @Test
        void inChildJvm() {
            assertThat(Long.toString(ProcessHandle.current().pid())).as("ran in the parent")
                    .isNotEqualTo(System.getProperty(PARENT_PID));
        }
    }

    static class WithFactoryTestCase {
        static boolean beforeAllRan;
        boolean beforeEachRan;

        @BeforeAll
        static void setUpClass() {
            beforeAllRan = true;
        }

        @org.junit.jupiter.api.BeforeEach
        void setUp() {
            beforeEachRan = true;
        }

        @org.junit.jupiter.api.TestFactory
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> dynamicTests() {
            long here = ProcessHandle.current().pid();
            boolean lifecycleRan = beforeAllRan && beforeEachRan;
            return java.util.stream.Stream.of(org.junit.jupiter.api.DynamicTest.dynamicTest("in process, set up", () -> {
                assertThat(lifecycleRan).as("@BeforeAll and @BeforeEach ran for the factory").isTrue();
                assertThat(Long.toString(here)).isEqualTo(System.getProperty(PARENT_PID));
            }));
        }

        @Test
        void stillForked() {
            assertThat(beforeAllRan).isTrue();
            assertThat(Long.toString(ProcessHandle.current().pid())).isNotEqualTo(System.getProperty(PARENT_PID));
        }
    }

    static class PidTestCase {
        @Test
        void seesOnlyItsOwnProcesses() {
            assertThat(ProcessHandle.allProcesses().count()).isLessThanOrEqualTo(4);
        }
    }
}
