package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4: a wrong attribute or configuration value fails its test with an {@link ExtensionConfigurationException}
 * naming the test, the annotation and the accepted form, before any child JVM starts: no body runs (each would
 * leave a file behind) and each test ends in far less time than a child takes to start.
 */
class BadInputTests {
    private static final String RAN_DIR = "nsunit.test.ran-dir";
    /** A child JVM takes 300 ms or more to start on this machine; a test failed before one starts takes a few ms. */
    private static final Duration NO_CHILD = Duration.ofMillis(300);

    private static Path ranDir;
    private static EngineRun run;

    @BeforeAll
    static void runFixture() throws IOException {
        ranDir = Files.createTempDirectory("nsunit-test-bad-input-");
        System.setProperty(RAN_DIR, ranDir.toString());
        try {
            run = EngineRun.of(BadInputTestCase.class);
        } finally {
            System.clearProperty(RAN_DIR);
        }
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
    void everyTestFailsBeforeAChildJvmStarts() throws IOException {
        run.results.testEvents().assertStatistics(stats -> stats.started(17).failed(17));
        try (Stream<Path> ran = Files.list(ranDir)) {
            assertThat(ran).as("bodies that ran in a child").isEmpty();
        }
        for (Event finished : run.results.testEvents().finished().list()) {
            Event started = run.results.testEvents().started()
                    .filter(e -> e.getTestDescriptor().equals(finished.getTestDescriptor())).findFirst().orElseThrow();
            assertThat(Duration.between(started.getTimestamp(), finished.getTimestamp()))
                    .as(finished.getTestDescriptor().getDisplayName()).isLessThan(NO_CHILD);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            memoryNotANumber | @MemoryLimit("ten") on BadInputTests.BadInputTestCase.memoryNotANumber(): expected <number>[K|M|G], e.g. "64M", "1.5G" or "262144K" (binary units), greater than zero
            memoryZero       | @MemoryLimit("0") on BadInputTests.BadInputTestCase.memoryZero(): expected <number>[K|M|G], e.g. "64M", "1.5G" or "262144K" (binary units), greater than zero
            memoryNegative   | @MemoryLimit("-5M") on BadInputTests.BadInputTestCase.memoryNegative(): expected <number>[K|M|G], e.g. "64M", "1.5G" or "262144K" (binary units), greater than zero
            memoryBelowFloor | @MemoryLimit("16M") on BadInputTests.BadInputTestCase.memoryBelowFloor(): 16 MiB is below the 36 MiB a child JVM needs to start and run one test (measured: killed at 28 MiB, passes at 32 MiB with nothing to spare). Use at least "36M", or scope = TEST to limit only what the test itself uses on top of the started JVM.
            cpuZero          | @CpuLimit(0.0) on BadInputTests.BadInputTestCase.cpuZero(): expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)
            cpuNegative      | @CpuLimit(-1.0) on BadInputTests.BadInputTestCase.cpuNegative(): expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)
            cpuNotANumber    | @CpuLimit(NaN) on BadInputTests.BadInputTestCase.cpuNotANumber(): expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)
            pidsTooFew       | @PidsLimit(3) on BadInputTests.BadInputTestCase.pidsTooFew(): a child JVM needs about 24 tasks (its own threads) to start; expected 24 or more, e.g. @PidsLimit(64)
            hostnameInvalid  | @IsolatedHostname("bad name!") on BadInputTests.BadInputTestCase.hostnameInvalid(): Host name "bad name!" is not valid: use letters, digits and hyphens in dot-separated labels that neither start nor end with a hyphen, e.g. "nsunit-box"
            hostnameEmpty    | @IsolatedHostname("") on BadInputTests.BadInputTestCase.hostnameEmpty(): Host name must not be empty
            unknownSyscall   | @DenySyscalls(mkdir, nosuchcall) on BadInputTests.BadInputTestCase.unknownSyscall(): Unknown syscall "nosuchcall" on x86_64
            noSyscall        | @DenySyscalls({}) on BadInputTests.BadInputTestCase.noSyscall(): names no system call to deny; name at least one, e.g. @DenySyscalls({"mkdir", "mkdirat"}), or remove the annotation
            oomWithoutLimit  | @ExpectOutOfMemory on BadInputTests.BadInputTestCase.oomWithoutLimit() needs a @MemoryLimit to run out of: add e.g. @MemoryLimit("64M") to the test
            oomAndExit       | BadInputTests.BadInputTestCase.oomAndExit() has both @ExpectOutOfMemory and @ExpectSystemExit: a test can end only one way; keep the one it should
            exitAbove255     | @ExpectSystemExit(300) on BadInputTests.BadInputTestCase.exitAbove255(): an exit status is 0 to 255 (the kernel keeps the low 8 bits)
            exitNegative     | @ExpectSystemExit(-1) on BadInputTests.BadInputTestCase.exitNegative(): an exit status is 0 to 255 (the kernel keeps the low 8 bits)
            """)
    void aBadAttributeFailsNamingTestAnnotationAndAcceptedForm(String test, String message) {
        assertThat(run.failure(test + "()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aHostnameLongerThanLinuxAllowsFailsSayingTheMaximum() {
        assertThat(run.failure("hostnameTooLong()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@IsolatedHostname(\"" + "h".repeat(65) + "\") on BadInputTests.BadInputTestCase"
                        + ".hostnameTooLong(): Host name \"" + "h".repeat(65) + "\" has 65 characters; Linux allows"
                        + " at most 64");
    }

    @Test
    void anUnknownUnavailablePolicyFailsEvenWhenTheHostCouldIsolate() {
        System.setProperty(RAN_DIR, ranDir.toString());
        EngineRun policy;
        try {
            policy = EngineRun.of(PlainTestCase.class, Map.of(NsunitProperties.UNAVAILABLE, "maybe"));
        } finally {
            System.clearProperty(RAN_DIR);
        }

        Event finished = policy.finished("isolated()");
        assertThat(policy.failure("isolated()")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.unavailable=\"maybe\" is not valid: expected fail or skip");
        Event started = policy.results.testEvents().started().list().get(0);
        assertThat(Duration.between(started.getTimestamp(), finished.getTimestamp())).isLessThan(NO_CHILD);
        assertThat(policy.results.allEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED))
                .as("report entries of a child that ran").isEmpty();
    }

    /** Leaves a file named after the test: proof that its body ran in a child. */
    static void ran(String test) throws IOException {
        Files.writeString(Path.of(System.getProperty(RAN_DIR), test), "ran");
    }

    static class BadInputTestCase {
        @Test
        @MemoryLimit("ten")
        void memoryNotANumber() throws IOException {
            ran("memoryNotANumber");
        }

        @Test
        @MemoryLimit("0")
        void memoryZero() throws IOException {
            ran("memoryZero");
        }

        @Test
        @MemoryLimit("-5M")
        void memoryNegative() throws IOException {
            ran("memoryNegative");
        }

        @Test
        @MemoryLimit("16M")
        void memoryBelowFloor() throws IOException {
            ran("memoryBelowFloor");
        }

        @Test
        @CpuLimit(0)
        void cpuZero() throws IOException {
            ran("cpuZero");
        }

        @Test
        @CpuLimit(-1)
        void cpuNegative() throws IOException {
            ran("cpuNegative");
        }

        @Test
        @CpuLimit(Double.NaN)
        void cpuNotANumber() throws IOException {
            ran("cpuNotANumber");
        }

        @Test
        @PidsLimit(3)
        void pidsTooFew() throws IOException {
            ran("pidsTooFew");
        }

        @Test
        @IsolatedHostname("bad name!")
        void hostnameInvalid() throws IOException {
            ran("hostnameInvalid");
        }

        @Test
        @IsolatedHostname("")
        void hostnameEmpty() throws IOException {
            ran("hostnameEmpty");
        }

        @Test
        @IsolatedHostname("hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh")
        void hostnameTooLong() throws IOException {
            ran("hostnameTooLong");
        }

        @Test
        @DenySyscalls({"mkdir", "nosuchcall"})
        void unknownSyscall() throws IOException {
            ran("unknownSyscall");
        }

        @Test
        @DenySyscalls({})
        void noSyscall() throws IOException {
            ran("noSyscall");
        }

        @Test
        @ExpectSystemExit(300)
        void exitAbove255() throws IOException {
            ran("exitAbove255");
        }

        @Test
        @ExpectSystemExit(-1)
        void exitNegative() throws IOException {
            ran("exitNegative");
        }

        @Test
        @ExpectOutOfMemory
        void oomWithoutLimit() throws IOException {
            ran("oomWithoutLimit");
        }

        @Test
        @MemoryLimit("64M")
        @ExpectOutOfMemory
        @ExpectSystemExit(1)
        void oomAndExit() throws IOException {
            ran("oomAndExit");
        }
    }

    static class PlainTestCase {
        @Test
        @IsolatedPid
        void isolated() throws IOException {
            ran("isolated");
        }
    }
}
