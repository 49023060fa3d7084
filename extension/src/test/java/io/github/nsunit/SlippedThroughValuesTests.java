package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14.10: values that once slipped past the checks, to overflow, to be refused by the kernel (where a refusal
 * reads as "the host cannot isolate", which {@code nsunit.unavailable=skip} skips silently), or to become the
 * child's main class. Each now fails its test with an {@link ExtensionConfigurationException} naming the test,
 * the annotation or parameter, the value and the accepted form, before any child JVM starts: no body runs (each
 * would leave a file behind) and each test ends in far less time than a child takes to start. The programmatic
 * API refuses the same values, through the same rules.
 */
class SlippedThroughValuesTests {
    private static final String RAN_DIR = "nsunit.test.ran-dir";
    /** A child JVM takes 300 ms or more to start on this machine; a test failed before one starts takes a few ms. */
    private static final Duration NO_CHILD = Duration.ofMillis(300);
    private static final String FIXTURE = "SlippedThroughValuesTests.SlippedTestCase.";
    private static final String PLAIN = "SlippedThroughValuesTests.PlainTestCase.isolated()";
    private static final String TIMEOUT_FORM = "<number> [ns|μs|ms|s|m|h|d] up to 36500 d, e.g. \"30 s\" or \"5 m\"";

    private static Path ranDir;
    private static EngineRun run;

    @BeforeAll
    static void runFixture() throws IOException {
        ranDir = Files.createTempDirectory("nsunit-test-slipped-");
        // skip would hide a limit the kernel refuses as "the host cannot isolate": each must fail all the same
        run = runWithRanDir(SlippedTestCase.class, Map.of(NsunitProperties.UNAVAILABLE, "skip"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.list(ranDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(ranDir);
        run = null;
    }

    @Test
    void everyAnnotatedTestFailsBeforeAChildJvmStarts() throws IOException {
        run.results.testEvents().assertStatistics(stats -> stats.started(8).failed(8).skipped(0).aborted(0));
        assertNoChildRan(run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            testMemoryHalfAByte  | @MemoryLimit("0.5", scope = TEST) on SlippedThroughValuesTests.SlippedTestCase.testMemoryHalfAByte(): 0 bytes is below one 4 KiB page, the least the kernel can limit (it rounds a limit down to whole pages): expected at least "4K", e.g. @MemoryLimit(value = "10M", scope = TEST)
            testMemoryBelowAPage | @MemoryLimit("0.9K", scope = TEST) on SlippedThroughValuesTests.SlippedTestCase.testMemoryBelowAPage(): 921 bytes is below one 4 KiB page, the least the kernel can limit (it rounds a limit down to whole pages): expected at least "4K", e.g. @MemoryLimit(value = "10M", scope = TEST)
            cpuBelowOneQuota     | @CpuLimit(0.005) on SlippedThroughValuesTests.SlippedTestCase.cpuBelowOneQuota(): expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)
            cpuAboveTheKernels   | @CpuLimit(1.0E9) on SlippedThroughValuesTests.SlippedTestCase.cpuAboveTheKernels(): expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)
            pidsAboveTheKernels  | @PidsLimit(5000000) on SlippedThroughValuesTests.SlippedTestCase.pidsAboveTheKernels(): the kernel's pids.max is at most 4194304 (PID_MAX_LIMIT); expected 24 to 4194304, e.g. @PidsLimit(64)
            forkedMainClass      | @Forked(jvmArgs = {-Xss512k, Main}) on SlippedThroughValuesTests.SlippedTestCase.forkedMainClass(): "Main" is not a JVM option: expected options that each start with '-' (or an @argfile), e.g. -Xmx256m or -Dname=value; anything else would become the child's main class
            timeoutTooLong       | @Timeout(value = 9223372036854775807, unit = DAYS) on SlippedThroughValuesTests.SlippedTestCase.timeoutTooLong(): nsunit's watchdog waits for JUnit's timeout plus 30 s, which must fit the nanosecond clock: expected a timeout up to 36500 days
            noSyscall            | @DenySyscalls({}) on SlippedThroughValuesTests.SlippedTestCase.noSyscall(): names no system call to deny; name at least one, e.g. @DenySyscalls({"mkdir", "mkdirat"}), or remove the annotation
            """)
    void aSlippedAttributeFailsNamingTestAnnotationValueAndAcceptedForm(String test, String message) {
        assertThat(run.failure(test + "()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            junit.jupiter.execution.timeout.default             | 9300000000000000 μs
            junit.jupiter.execution.timeout.default             | 1000000 d
            junit.jupiter.execution.timeout.test.method.default | 99999999999999999999 s
            """)
    void aJupiterTimeoutTooLongForTheWatchdogFailsBeforeAChildStarts(String parameter, String value)
            throws IOException {
        EngineRun timeout = runWithRanDir(PlainTestCase.class, Map.of(parameter, value));

        assertThat(timeout.failure("isolated()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter " + parameter + "=\"" + value + "\" for " + PLAIN + ": longer"
                        + " than nsunit's watchdog can wait (it waits for JUnit's timeout plus 30 s, on the"
                        + " nanosecond clock): expected " + TIMEOUT_FORM);
        assertNoChildRan(timeout);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            nsunit.child.timeout | 9300000000000000 μs
            nsunit.child.timeout | 1000000 d
            nsunit.debug.hold    | 99999999999999999999 s
            """)
    void anNsunitDurationTooLongFailsBeforeAChildStarts(String parameter, String value) throws IOException {
        EngineRun timeout = runWithRanDir(PlainTestCase.class, Map.of(parameter, value));

        assertThat(timeout.failure("isolated()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter " + parameter + "=\"" + value + "\" is not a duration: expected "
                        + TIMEOUT_FORM);
        assertNoChildRan(timeout);
    }

    /**
     * With prestart off, so that even a broken bound starts no spare: only the test's own child, which the ran file
     * shows (RunConfigurationTests checks the bound itself without starting anything).
     */
    @Test
    void aPrestartCountBeyondTheBoundFailsBeforeAChildStarts() throws IOException {
        EngineRun prestart = runWithRanDir(PlainTestCase.class, Map.of(
                Forked.CHILD_PRESTART_PROPERTY_NAME, "false", Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME, "1000"));

        assertThat(prestart.failure("isolated()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.prestart.count=\"1000\" is not a count: expected a"
                        + " whole number from 1 to 8");
        assertNoChildRan(prestart);
    }

    @Test
    void aJvmArgThatIsNotAnOptionFailsBeforeAChildStarts() throws IOException {
        EngineRun args = runWithRanDir(PlainTestCase.class, Map.of(Forked.CHILD_JVM_ARGS_PROPERTY_NAME,
                "-Xss512k Main"));

        assertThat(args.failure("isolated()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.jvm-args=\"-Xss512k Main\": \"Main\" is not a JVM"
                        + " option: expected options that each start with '-' (or an @argfile), e.g. -Xmx256m or"
                        + " -Dname=value; anything else would become the child's main class (options separated by"
                        + " spaces, a value with spaces in double or single quotes, e.g. -Xmx256m -Dname=\"a b\")");
        assertNoChildRan(args);
    }

    @Test
    void quotedJvmArgsReachTheChildWithTheirSpaces() throws IOException {
        EngineRun quoted = runWithRanDir(QuotedTestCase.class, Map.of(Forked.CHILD_JVM_ARGS_PROPERTY_NAME,
                "-Xss512k -Dnsunit.test.double=\"a b\" '-Dnsunit.test.single=c  d'"));

        quoted.results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(Files.readString(ranDir.resolve("quoted"))).isEqualTo("a b|c  d");
    }

    @Test
    void anEmptySystemPropertyReachesTheChildAsEmpty() throws IOException {
        System.setProperty("nsunit.test.empty", "");
        EngineRun empty;
        try {
            empty = runWithRanDir(EmptyPropertyTestCase.class, Map.of());
        } finally {
            System.clearProperty("nsunit.test.empty");
        }

        empty.results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(Files.readString(ranDir.resolve("empty"))).isEqualTo("[]");
    }

    /**
     * The upper bound is the kernel's own: its real cgroup takes the largest quota and the test runs. (The lower,
     * 0.01 cores, would take a child over a minute to start.)
     */
    @Test
    void theLargestCpuLimitTheKernelTakesRunsItsTest() {
        EngineRun bounds = runWithRanDir(CpuBoundsTestCase.class, Map.of());

        bounds.results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void theProgrammaticApiRefusesWhatTheAnnotationsRefuse() {
        IsolatedRun with = Isolated.with();
        assertThatThrownBy(() -> with.memoryLimit("16M")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("memoryLimit(\"16M\"): 16 MiB is below the 36 MiB a child JVM needs to start and run one"
                        + " test (measured: killed at 28 MiB, passes at 32 MiB with nothing to spare). Use at least"
                        + " \"36M\", or MemoryLimit.Scope.TEST to limit only what the task itself uses on top of the"
                        + " started JVM.");
        assertThatThrownBy(() -> with.memoryLimit("0.5", MemoryLimit.Scope.TEST))
                .hasMessage("memoryLimit(\"0.5\", MemoryLimit.Scope.TEST): 0 bytes is below one 4 KiB page, the least"
                        + " the kernel can limit (it rounds a limit down to whole pages): expected at least \"4K\","
                        + " e.g. memoryLimit(\"10M\", MemoryLimit.Scope.TEST)");
        assertThatThrownBy(() -> with.memoryLimit("0.9K", MemoryLimit.Scope.TEST))
                .hasMessageStartingWith("memoryLimit(\"0.9K\", MemoryLimit.Scope.TEST): 921 bytes is below one 4 KiB");
        for (double cores : new double[] {0.005, 1e9}) {
            assertThatThrownBy(() -> with.cpuLimit(cores)).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cpuLimit(" + cores + "): expected a number of cores from 0.01 to 175921860 (the"
                            + " kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. cpuLimit(0.5)");
        }
        assertThatThrownBy(() -> with.pidsLimit(5_000_000))
                .hasMessage("pidsLimit(5000000): the kernel's pids.max is at most 4194304 (PID_MAX_LIMIT); expected 24"
                        + " to 4194304, e.g. pidsLimit(64)");
        assertThatThrownBy(with::denySyscalls)
                .hasMessage("denySyscalls(): names no system call to deny; name at least one, e.g."
                        + " denySyscalls(\"mkdir\", \"mkdirat\")");
        assertThatThrownBy(() -> with.jvmArgs("-Xss512k", "Main"))
                .hasMessageStartingWith("jvmArgs(-Xss512k, Main): \"Main\" is not a JVM option");
        assertThatThrownBy(() -> with.timeout(Duration.ofDays(1_000_000)))
                .hasMessage("timeout(PT24000000H): expected a positive duration up to 36500 days, e.g."
                        + " Duration.ofSeconds(30)");
    }

    private static EngineRun runWithRanDir(Class<?> fixture, Map<String, String> parameters) {
        System.setProperty(RAN_DIR, ranDir.toString());
        try {
            return EngineRun.of(fixture, new HashMap<>(parameters));
        } finally {
            System.clearProperty(RAN_DIR);
        }
    }

    private static void assertNoChildRan(EngineRun engineRun) throws IOException {
        try (Stream<Path> ran = Files.list(ranDir)) {
            assertThat(ran.filter(file -> !file.getFileName().toString().equals("quoted")
                    && !file.getFileName().toString().equals("empty"))).as("bodies that ran in a child").isEmpty();
        }
        for (Event finished : engineRun.results.testEvents().finished().list()) {
            Event started = engineRun.results.testEvents().started()
                    .filter(e -> e.getTestDescriptor().equals(finished.getTestDescriptor())).findFirst().orElseThrow();
            assertThat(Duration.between(started.getTimestamp(), finished.getTimestamp()))
                    .as(finished.getTestDescriptor().getDisplayName()).isLessThan(NO_CHILD);
        }
    }

    /** Leaves a file named after the test with {@code content}: proof that its body ran in a child. */
    static void ran(String test, String content) throws IOException {
        Files.writeString(Path.of(System.getProperty(RAN_DIR), test), content);
    }

    static class SlippedTestCase {
        @Test
        @MemoryLimit(value = "0.5", scope = MemoryLimit.Scope.TEST)
        void testMemoryHalfAByte() throws IOException {
            ran("testMemoryHalfAByte", "ran");
        }

        @Test
        @MemoryLimit(value = "0.9K", scope = MemoryLimit.Scope.TEST)
        void testMemoryBelowAPage() throws IOException {
            ran("testMemoryBelowAPage", "ran");
        }

        @Test
        @CpuLimit(0.005)
        void cpuBelowOneQuota() throws IOException {
            ran("cpuBelowOneQuota", "ran");
        }

        @Test
        @CpuLimit(1e9)
        void cpuAboveTheKernels() throws IOException {
            ran("cpuAboveTheKernels", "ran");
        }

        @Test
        @PidsLimit(5_000_000)
        void pidsAboveTheKernels() throws IOException {
            ran("pidsAboveTheKernels", "ran");
        }

        @Test
        @Forked(jvmArgs = {"-Xss512k", "Main"})
        void forkedMainClass() throws IOException {
            ran("forkedMainClass", "ran");
        }

        @Test
        @Forked
        @Timeout(value = Long.MAX_VALUE, unit = TimeUnit.DAYS)
        void timeoutTooLong() throws IOException {
            ran("timeoutTooLong", "ran");
        }

        @Test
        @DenySyscalls({})
        void noSyscall() throws IOException {
            ran("noSyscall", "ran");
        }
    }

    static class CpuBoundsTestCase {
        @Test
        @CpuLimit(175_921_860)
        void largest() {
        }
    }

    static class PlainTestCase {
        @Test
        @Forked
        void isolated() throws IOException {
            ran("isolated", "ran");
        }
    }

    static class QuotedTestCase {
        @Test
        @Forked
        void quoted() throws IOException {
            ran("quoted", System.getProperty("nsunit.test.double") + "|" + System.getProperty("nsunit.test.single"));
        }
    }

    static class EmptyPropertyTestCase {
        @Test
        @Forked
        void empty() throws IOException {
            ran("empty", "[" + System.getProperty("nsunit.test.empty") + "]");
        }
    }
}
