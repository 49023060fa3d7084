package io.github.nsunit.assertj;

import io.github.nsunit.Isolated;
import io.github.nsunit.RunResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.nsunit.assertj.NsunitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each assertion passes on the ending it names and fails, saying what really happened, on the others. */
class RunResultAssertTests {
    private static final int MIB = 1024 * 1024;
    private static RunResult<Integer> returned42;
    private static RunResult<Void> exited3;
    private static RunResult<Object> threw;
    private static RunResult<Void> heapOom;

    /** One child per ending, shared by the tests below: each assertion is checked against all of them. */
    @BeforeAll
    static void runOnePerEnding() {
        returned42 = Isolated.with().quiet().call(() -> {
            System.out.println("computing");
            return 6 * 7;
        });
        exited3 = Isolated.with().quiet().run(() -> {
            System.err.println("usage: cli --option");
            System.exit(3);
        });
        threw = Isolated.with().quiet().call(() -> {
            throw new IllegalStateException("boom");
        });
        heapOom = Isolated.with().quiet().memoryLimit("64M").run(() -> {
            List<byte[]> leak = new ArrayList<>();
            while (true) {
                leak.add(new byte[MIB]);
            }
        });
    }

    @Test
    void returnedPassesOnTheValueAndSaysWhatElseHappened() {
        assertThat(returned42).returned(42).returnedNormally().stdout().isEqualTo("computing\n");
        assertThat(returned42).returnedValue().isEqualTo(42);

        assertThatThrownBy(() -> assertThat(returned42).returned(41)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to return 41, but"
                        + " it returned 42.");
        assertThatThrownBy(() -> assertThat(exited3).returned(42))
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to return 42, but"
                        + " it called System.exit(3) at io.github.nsunit.assertj.RunResultAssertTests.lambda$")
                .hasMessageContaining("Stack of the exit call:")
                .hasMessageContaining("Its stderr:\nusage: cli --option");
    }

    @Test
    void exitedWithPassesOnTheStatusAndNamesTheOtherEnding() {
        assertThat(exited3).exitedWith(3).stderr().contains("usage");

        assertThatThrownBy(() -> assertThat(returned42).exitedWith(3))
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to exit with status"
                        + " 3, but it returned 42.")
                .hasMessageContaining("Its stdout:\ncomputing");
        assertThatThrownBy(() -> assertThat(exited3).exitedWith(2))
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to exit with status"
                        + " 2, but it called System.exit(3) at ");
    }

    @Test
    void threwPassesOnTheTypeAndShowsTheStackOfSomethingElse() {
        assertThat(threw).threw(IllegalStateException.class).threw(RuntimeException.class)
                .thrown().hasMessage("boom");

        assertThatThrownBy(() -> assertThat(threw).threw(IllegalArgumentException.class))
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to throw"
                        + " java.lang.IllegalArgumentException, but it threw java.lang.IllegalStateException: boom.")
                .hasMessageContaining("Stack trace of what it threw:\njava.lang.IllegalStateException: boom");
        assertThatThrownBy(() -> assertThat(returned42).thrown())
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to throw, but it"
                        + " returned 42.");
    }

    @Test
    void outOfMemoryAssertionsTellTheHeapFromTheKiller() {
        assertThat(heapOom).ranOutOfMemory().threwHeapOutOfMemoryError().thrown().isInstanceOf(OutOfMemoryError.class);
        assertThat(heapOom).peakMemory().isLessThanOrEqualTo(64L * MIB).isGreaterThan(16L * MIB);

        assertThatThrownBy(() -> assertThat(heapOom).wasKilledByOomKiller())
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to be killed by the"
                        + " kernel OOM killer, but it threw java.lang.OutOfMemoryError: Java heap space (limit 64 MiB,"
                        + " peak ");
        assertThatThrownBy(() -> assertThat(returned42).ranOutOfMemory())
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to run out of"
                        + " memory, but it returned 42.");
        assertThatThrownBy(() -> assertThat(returned42).peakMemory())
                .hasMessageContaining("to have a peak memory figure, but it has none: give the run a memory limit");
        assertThatThrownBy(() -> assertThat(heapOom).peakMemory().isLessThan(MIB))
                .hasMessageContaining("peak memory in bytes of lambda in RunResultAssertTests.runOnePerEnding"
                        + " (threw java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void timedOutPassesOnATimeoutOnly() {
        RunResult<Void> slow = Isolated.with().quiet().timeout(Duration.ofSeconds(2)).run(() -> Thread.sleep(60_000));

        assertThat(slow).timedOut();
        assertThatThrownBy(() -> assertThat(slow).returnedNormally())
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.timedOutPassesOnATimeoutOnly to"
                        + " return, but it did not finish within 2 s and was killed.")
                .hasMessageContaining("Threads of the child JVM when it was killed");
        assertThatThrownBy(() -> assertThat(returned42).timedOut())
                .hasMessageStartingWith("Expecting lambda in RunResultAssertTests.runOnePerEnding to time out, but it"
                        + " returned 42.");
    }

    @Test
    void aDescriptionGivenWithAsComesFirst() {
        assertThatThrownBy(() -> assertThat(returned42).as("the parser").exitedWith(3))
                .hasMessageStartingWith("[the parser] Expecting lambda in RunResultAssertTests.runOnePerEnding to"
                        + " exit with status 3, but it returned 42.");
    }
}
