package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Under @ExpectSystemExit the exit agent sees Runtime.halt too, with its status and the stack of the call. */
class ExitAgentTests {

    @Test
    void aHaltIsNotTheExpectedExitAndIsNamedWithItsStack() {
        EngineRun run = EngineRun.of(ExitsTestCase.class);
        run.results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));

        Throwable halted = failure(run, "halts");
        assertThat(halted).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("ExitsTestCase.halts() was expected to call System.exit(2), but called Runtime.halt(2)");
        assertThat(Arrays.asList(halted.getStackTrace())).anyMatch(frame -> frame.getMethodName().equals("halts"));

        Throwable wrongStatus = failure(run, "exitsWithThree");
        assertThat(wrongStatus).hasMessageContaining("but called System.exit(3)");
        assertThat(((AssertionFailedError) wrongStatus).getActual().getValue()).isEqualTo(3);
        assertThat(Arrays.asList(wrongStatus.getStackTrace())).anyMatch(f -> f.getMethodName().equals("exitsWithThree"));
    }

    private static Throwable failure(EngineRun run, String test) {
        Event finished = run.finished(test + "()");
        return finished.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
    }

    static class ExitsTestCase {
        @Test
        @ExpectSystemExit(2)
        void exitsWithTwo() {
            System.exit(2);
        }

        @Test
        @ExpectSystemExit(2)
        void exitsWithThree() {
            System.exit(3);
        }

        @Test
        @ExpectSystemExit(2)
        void halts() {
            Runtime.getRuntime().halt(2);
        }
    }
}
