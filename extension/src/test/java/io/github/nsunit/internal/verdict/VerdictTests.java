package io.github.nsunit.internal.verdict;

import io.github.nsunit.ChildJvmException;
import io.github.nsunit.ChildJvmException.Reason;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;
import io.github.nsunit.internal.process.ChildOutcome;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTests {
    private static final String TEST = "Demo.leaks()";
    private static final String CRASH_REPORT = """
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  SIGSEGV (0xb) at pc=0x00007f9b616d2f94, pid=21336, tid=21340
            #
            # An error report file with more information is saved as:
            # /tmp/hs_err_pid21336.log
            #""";

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aSuccessfulResultPasses() {
        assertThat(verdict(result(TestResult.Status.SUCCESSFUL, null, null))).isEmpty();
    }

    @Test
    void aFailedOrAbortedResultRethrowsTheChildsThrowable() {
        byte[] failure = ThrowableCodec.encode(new IllegalStateException("broke"));
        byte[] abort = ThrowableCodec.encode(new TestAbortedException("no network"));

        assertThat(verdict(result(TestResult.Status.FAILED, failure, null))).get()
                .isExactlyInstanceOf(IllegalStateException.class).hasFieldOrPropertyWithValue("message", "broke");
        assertThat(verdict(result(TestResult.Status.ABORTED, abort, null))).get()
                .isExactlyInstanceOf(TestAbortedException.class);
    }

    @Test
    void aFailureWithoutThrowableStillFailsNamingTheTest() {
        assertThat(verdict(result(TestResult.Status.FAILED, null, null))).get()
                .isExactlyInstanceOf(AssertionError.class)
                .hasFieldOrPropertyWithValue("message", "Demo.leaks() failed in its child JVM without an exception");
    }

    @Test
    void aSkippedTestIsAbortedWithTheReason() {
        assertThat(verdict(result(TestResult.Status.SKIPPED, null, "disabled on Linux"))).get()
                .isExactlyInstanceOf(TestAbortedException.class)
                .hasFieldOrPropertyWithValue("message", "Demo.leaks() was skipped in its child JVM: disabled on Linux");
    }

    @Test
    void aTestTheChildDidNotRunFailsAsNotRun() {
        ChildJvmException failure = childJvmException(result(TestResult.Status.NOT_RUN, null, "no such test"));

        assertThat(failure.reason()).isEqualTo(Reason.NOT_RUN);
        assertThat(failure).hasMessage("Demo.leaks() did not run in its child JVM: no such test");
    }

    @Test
    void aTimeoutWinsOverAnythingTheChildReportedAndShowsTheThreads() {
        ChildOutcome outcome = new ChildOutcome(Optional.of(new TestResult(TestResult.Status.SUCCESSFUL, null, null)),
                Optional.empty(), 137, true, Duration.ofSeconds(2), "\"main\" #1 prio=5\n  WAITING", "", "",
                Optional.empty(), Map.of(), 4242);

        ChildJvmException failure = childJvmException(outcome);

        assertThat(failure.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(failure.exitStatus()).hasValue(137);
        assertThat(failure).hasMessageStartingWith("Demo.leaks() did not finish within 2 s in its child JVM"
                        + " (pid 4242), so nsunit killed it.")
                .hasMessageContaining("nsunit.child.timeout")
                .hasMessageEndingWith("Threads of the child JVM when it was killed:\n\"main\" #1 prio=5\n  WAITING");
    }

    @Test
    void anExitCallFailsWithTheStatusAndTheStackOfTheCall() {
        StackTraceElement frame = new StackTraceElement("com.example.Demo", "leaks", "Demo.java", 12);
        ChildOutcome outcome = died(3, new ExitCall(-1, "Runtime.exit", "worker", List.of(frame)), "bye", "");

        ChildJvmException failure = childJvmException(outcome);

        assertThat(failure.reason()).isEqualTo(Reason.SYSTEM_EXIT);
        assertThat(failure.exitStatus()).hasValue(3);
        assertThat(failure.getStackTrace()).containsExactly(frame);
        assertThat(failure).hasMessageStartingWith("Demo.leaks() called Runtime.exit(3) on thread \"worker\"")
                .hasMessageEndingWith("Last lines of the child's stderr:\nbye");
    }

    @Test
    void aCrashIsToldByTheJvmsReportWhateverTheExitStatus() {
        for (int status : new int[] {134, 1}) {
            ChildJvmException failure = childJvmException(died(status, null, "", CRASH_REPORT));

            assertThat(failure.reason()).isEqualTo(Reason.CRASHED);
            assertThat(failure).hasMessageStartingWith("Demo.leaks() crashed its child JVM")
                    .hasMessageContaining("The JVM's crash report (stdout):\n" + CRASH_REPORT);
        }
        assertThat(childJvmException(died(134, null, CRASH_REPORT, "")).reason()).isEqualTo(Reason.CRASHED);
    }

    @Test
    void aDeathBySignalNamesTheSignal() {
        ChildJvmException killed = childJvmException(died(137, null, "last line", ""));
        ChildJvmException terminated = childJvmException(died(143, null, "", ""));

        assertThat(killed.reason()).isEqualTo(Reason.KILLED_BY_SIGNAL);
        assertThat(killed).hasMessageStartingWith("Demo.leaks(): its child JVM was killed by SIGKILL (exit status 137)")
                .hasMessageContaining("Something outside the JVM killed it")
                .hasMessageEndingWith("Last lines of the child's stderr:\nlast line");
        assertThat(terminated).hasMessage("Demo.leaks(): its child JVM was killed by SIGTERM (exit status 143)"
                + " before the test finished.");
    }

    @Test
    void aChildThatEndedNormallyWithoutAResultBlamesItsChannelNotAnExit() {
        ChildOutcome outcome = new ChildOutcome(Optional.empty(), Optional.empty(), 0, false, Duration.ofMinutes(10),
                "", "", "", Optional.of("the result channel /dev/shm/x/channel is not the FIFO nsunit made"), Map.of(),
                4242);

        ChildJvmException failure = childJvmException(outcome);

        assertThat(failure.reason()).isEqualTo(Reason.NOT_RUN);
        assertThat(failure).hasMessage("Demo.leaks(): its child JVM ended (exit status 0) without reporting a result,"
                + " because its result channel failed: the result channel /dev/shm/x/channel is not the FIFO nsunit"
                + " made.");
    }

    @Test
    void anExitWithoutExitCallIsAnExitWithItsStatusAndTheChannelsFate() {
        ChildOutcome outcome = new ChildOutcome(Optional.empty(), Optional.empty(), 4, false, Duration.ofMinutes(10),
                "", "", "", Optional.of("channel ended inside a frame (3 of 9 bytes)"), Map.of(), 4242);

        ChildJvmException failure = childJvmException(outcome);

        assertThat(failure.reason()).isEqualTo(Reason.EXITED);
        assertThat(failure.exitStatus()).hasValue(4);
        assertThat(failure).hasMessage("Demo.leaks(): its child JVM exited with status 4 before the test finished,"
                + " without calling System.exit (Runtime.halt, or an exit in native code). The result channel broke:"
                + " channel ended inside a frame (3 of 9 bytes).");
    }

    private Optional<Throwable> verdict(ChildOutcome outcome) {
        return Verdict.of(outcome, new TestFacts(TEST, loader, Optional.empty(), OptionalInt.empty(), "", Optional.empty()));
    }

    private ChildJvmException childJvmException(ChildOutcome outcome) {
        Throwable failure = verdict(outcome).orElseThrow();
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class);
        return (ChildJvmException) failure;
    }

    private static ChildOutcome result(TestResult.Status status, byte[] throwable, String reason) {
        return new ChildOutcome(Optional.of(new TestResult(status, throwable, reason)), Optional.empty(), 0, false,
                Duration.ofMinutes(10), "", "", "", Optional.empty(), Map.of(), 4242);
    }

    private static ChildOutcome died(int status, ExitCall call, String stderrTail, String stdoutTail) {
        return new ChildOutcome(Optional.empty(), Optional.ofNullable(call), status, false, Duration.ofMinutes(10),
                "", stderrTail, stdoutTail, Optional.empty(), Map.of(), 4242);
    }
}
