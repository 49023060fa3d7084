package io.github.nsunit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child started before its test is known (nsunit.child.prestart): it boots while the previous test runs, each
 * child still runs one test, and no spare outlives the run.
 */
class SpareChildTests {
    private static final String LOG = "nsunit.test.spare-log";
    private static final long SLEEP_MS = 300;
    private Path log;

    @BeforeEach
    void log() throws IOException {
        log = Files.createTempFile("nsunit-spare-", ".log");
        System.setProperty(LOG, log.toString());
    }

    @AfterEach
    void forget() throws IOException {
        System.clearProperty(LOG);
        Files.deleteIfExists(log);
        Files.deleteIfExists(limitedLog());
    }

    @Test
    void theNextTestsChildStartsWhileThePreviousTestRuns() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(3));

        List<Entry> entries = entries();
        assertThat(entries).extracting(Entry::pid).doesNotHaveDuplicates();
        // the second and third children were running before the test ahead of them reached its body
        assertThat(entries.get(1).jvmStart()).isLessThan(entries.get(0).bodyAt());
        assertThat(entries.get(2).jvmStart()).isLessThan(entries.get(1).bodyAt());
        assertThat(spareProcesses()).as("a spare left after the run").isEmpty();
    }

    /** A limited test's spare is born in a cgroup of its own with the same limits, made with it. */
    @Test
    void aLimitedTestsChildStartsAheadTooBornInACgroupWithItsLimits() throws IOException {
        EngineRun.of(LimitedTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(3));

        List<Entry> entries = entries();
        assertThat(entries).extracting(Entry::pid).doesNotHaveDuplicates();
        assertThat(entries.get(1).jvmStart()).isLessThan(entries.get(0).bodyAt());
        assertThat(entries.get(2).jvmStart()).isLessThan(entries.get(1).bodyAt());
        List<String> lines = Files.readAllLines(limitedLog());
        assertThat(lines).hasSize(3).doesNotHaveDuplicates().allSatisfy(line -> {
            String[] fields = line.split(" ");
            assertThat(fields[0]).contains("/nsunit-"); // the memory cgroup: one of its own each
            assertThat(Long.parseLong(fields[1])).isBetween(48L << 20, 64L << 20); // heap sized from 128M
        });
        assertThat(spareProcesses()).as("a spare left after the run").isEmpty();
        assertThat(Host.nsunitLeafCgroups()).as("a spare's cgroup left after the run").isEmpty();
    }

    /**
     * At the floor nsunit accepts, a spare's warm-up must not push a trivial test over its limit: every test passes,
     * each in a child that was started, and warmed up, ahead.
     */
    @Test
    void aSpareWarmedUpAtTheMemoryFloorLeavesItsTestRoom() {
        EngineRun run = EngineRun.of(AtTheFloorTestCase.class);
        run.results.testEvents().assertStatistics(s -> s.succeeded(4));
        assertThat(run.entriesOf("repetition").stream().map(e -> e.get("nsunit.memory.oom-kills"))).hasSize(4)
                .containsOnly("0");
    }

    /**
     * Tests of two kinds (different limits) taking turns each find a spare of their own kind: a test of one kind
     * does not throw away the spares the other kind's next test needs.
     */
    @Test
    void testsOfTwoKindsTakingTurnsEachRunInASpareOfTheirKind() throws IOException {
        EngineRun.of(TwoKindsTakingTurnsTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(6));

        List<String> lines = Files.readAllLines(limitedLog());
        // the first test of each kind starts its own child; every later one finds a spare started for its kind
        assertThat(lines).containsExactly("a1 fresh", "b1 fresh", "a2 spare", "b2 spare", "a3 spare", "b3 spare");
        assertThat(spareProcesses()).as("a spare left after the run").isEmpty();
        assertThat(Host.nsunitLeafCgroups()).as("a spare's cgroup left after the run").isEmpty();
    }

    private Path limitedLog() {
        return Path.of(log + ".limited");
    }

    @Test
    void twoSparesByDefaultSoTheChildAfterNextBootsAheadToo() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(3));

        List<Entry> entries = entries();
        assertThat(entries.get(2).jvmStart()).isLessThan(entries.get(0).bodyAt());
    }

    /**
     * Run through the launcher (as Surefire and the IDEs do), nsunit knows how many tests are left: the last
     * test's child runs with no spare beside it, where an engine run without a plan keeps two started.
     */
    @Test
    void noSpareIsStartedForTestsThatWillNotCome() throws IOException {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ThreeTestsTestCase.class)).build(), summary);
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(3);

        List<Entry> entries = entries();
        assertThat(entries.get(1).jvmStart()).as("still started ahead").isLessThan(entries.get(0).bodyAt());
        assertThat(entries.get(2).otherChildren()).as("children beside the last test's").isZero();
    }

    @Test
    void withoutATestPlanTwoSparesAreKeptToTheEnd() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(3));

        assertThat(entries().get(2).otherChildren()).as("children beside the last test's").isEqualTo(2);
    }

    @Test
    void oneSpareWhenAskedSoTheChildAfterNextWaitsForTheNextTest() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class, Map.of(Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME, "1"))
                .results.testEvents().assertStatistics(s -> s.succeeded(3));

        List<Entry> entries = entries();
        assertThat(entries.get(1).jvmStart()).isLessThan(entries.get(0).bodyAt());
        assertThat(entries.get(2).jvmStart()).isGreaterThan(entries.get(0).bodyAt());
        assertThat(spareProcesses()).as("a spare left after the run").isEmpty();
    }

    @Test
    void aPrestartCountBelowOneFailsNamingTheParameterAndTheAcceptedForm() {
        EngineRun run = EngineRun.of(ThreeTestsTestCase.class, Map.of(Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME, "0"));

        assertThat(run.failure("first")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.prestart.count=\"0\" is not a count: expected a"
                        + " whole number from 1 to 8");
    }

    @Test
    void withoutWarmUpTheTestsStillRunEachInAChildOfItsOwn() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class, Map.of(Forked.CHILD_WARM_UP_PROPERTY_NAME, "false"))
                .results.testEvents().assertStatistics(s -> s.succeeded(3));

        assertThat(entries()).extracting(Entry::pid).doesNotHaveDuplicates();
    }

    @Test
    void withoutPrestartEachChildStartsWithItsTest() throws IOException {
        EngineRun.of(ThreeTestsTestCase.class, Map.of(Forked.CHILD_PRESTART_PROPERTY_NAME, "false"))
                .results.testEvents().assertStatistics(s -> s.succeeded(3));

        List<Entry> entries = entries();
        assertThat(entries.get(1).jvmStart()).isGreaterThan(entries.get(0).bodyAt());
        assertThat(entries.get(2).jvmStart()).isGreaterThan(entries.get(1).bodyAt());
    }

    private List<Entry> entries() throws IOException {
        return Files.readAllLines(log).stream().map(line -> line.split(" "))
                .map(f -> new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])))
                .collect(Collectors.toList());
    }

    /** Child JVMs still running with this run's log file on their command line. */
    private List<String> spareProcesses() {
        return childJvmsOf(log.toString()).map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .collect(Collectors.toList());
    }

    /** The child JVMs of a run: every child carries the run's log file on its command line, as a system property. */
    static Stream<ProcessHandle> childJvmsOf(String log) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(log)).orElse(false));
    }

    /**
     * Times on one clock, the kernel's process start times (clock ticks after a boot time known only to the
     * second, so not comparable with wall-clock time): when the child's process started, and when its test body
     * ran (that start plus the JVM's uptime); and how many other child JVMs of the run were alive then.
     */
    record Entry(long pid, long jvmStart, long bodyAt, long otherChildren) {
    }

    /** Three tests in order, each recording when its child started and when its body ran, then taking a moment. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class ThreeOrderedTests {
        @Test
        @Order(1)
        void first() throws Exception {
            record();
        }

        @Test
        @Order(2)
        void second() throws Exception {
            record();
        }

        @Test
        @Order(3)
        void third() throws Exception {
            record();
        }

        void record() throws Exception {
            long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            long bodyAt = jvmStart + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            String log = System.getProperty(LOG);
            long otherChildren = childJvmsOf(log).filter(p -> p.pid() != ProcessHandle.current().pid()).count();
            String line = ProcessHandle.current().pid() + " " + jvmStart + " " + bodyAt + " " + otherChildren + "\n";
            Files.writeString(Path.of(System.getProperty(LOG)), line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Thread.sleep(SLEEP_MS); // a test that takes a moment, as real ones do
        }
    }

    @Forked
    static class ThreeTestsTestCase extends ThreeOrderedTests {
    }

    /** Also records its memory cgroup and its maximum heap. */
    @MemoryLimit("128M")
    static class LimitedTestCase extends ThreeOrderedTests {
        @Override
        void record() throws Exception {
            String memory = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .filter(l -> l.contains("memory") || l.startsWith("0::")).findFirst().orElseThrow();
            Files.writeString(Path.of(System.getProperty(LOG) + ".limited"),
                    memory + " " + Runtime.getRuntime().maxMemory() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            super.record();
        }
    }

    @MemoryLimit("36M")
    static class AtTheFloorTestCase {
        @RepeatedTest(4)
        void test() {
        }
    }

    /** Two kinds of child, by their limits, in turns; each test records whether its child was started as a spare. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class TwoKindsTakingTurnsTestCase {
        @Test
        @Order(1)
        @MemoryLimit("128M")
        void a1() throws IOException {
            record("a1");
        }

        @Test
        @Order(2)
        @MemoryLimit("192M")
        void b1() throws IOException {
            record("b1");
        }

        @Test
        @Order(3)
        @MemoryLimit("128M")
        void a2() throws IOException {
            record("a2");
        }

        @Test
        @Order(4)
        @MemoryLimit("192M")
        void b2() throws IOException {
            record("b2");
        }

        @Test
        @Order(5)
        @MemoryLimit("128M")
        void a3() throws IOException {
            record("a3");
        }

        @Test
        @Order(6)
        @MemoryLimit("192M")
        void b3() throws IOException {
            record("b3");
        }

        /** A spare's cgroup is named {@code spare-N}; a child started for its test is named after the test. */
        private static void record(String name) throws IOException {
            String memory = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .filter(l -> l.contains("memory") || l.startsWith("0::")).findFirst().orElseThrow();
            String started = memory.substring(memory.lastIndexOf('/') + 1).startsWith("spare") ? "spare" : "fresh";
            Files.writeString(Path.of(System.getProperty(LOG) + ".limited"), name + " " + started + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
