package io.github.nsunit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 13 item 5: the child runs with the test JVM's assertion status (Surefire's -ea) and agents. */
class InheritedJvmOptionsTests {

    @Test
    void anAssertionThatFailsInProcessFailsInTheChild() {
        assumeTrue(AssertsTestCase.class.desiredAssertionStatus(), "this test JVM runs without -ea");

        assertThat(EngineRun.of(AssertsTestCase.class).failure("assertsFalse()"))
                .isExactlyInstanceOf(AssertionError.class).hasMessage("x");
    }

    @Forked
    static class AssertsTestCase {
        @Test
        void assertsFalse() {
            assert false : "x";
        }
    }
}
