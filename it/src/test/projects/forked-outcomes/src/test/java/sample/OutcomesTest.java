package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One test of each outcome, each in a child JVM of its own. */
@Forked
class OutcomesTest {

    @Test
    void passes() {
        Child.assertInChild();
    }

    @Test
    void failsWithAssertion() {
        assertEquals("expected-in-child", "actual-in-child", "compared in the child JVM");
    }

    @Test
    void printsToBothStreams() {
        System.out.println("stdout-line-from-child");
        System.err.println("stderr-line-from-child");
    }

    @Test
    void exitsWithStatus3() {
        System.exit(3);
    }

    /** inheritIO: the grandchild writes to the child's file descriptor 1 itself, not through System.out. */
    @Test
    void grandchildWritesToInheritedStdout() throws Exception {
        Process grandchild = new ProcessBuilder("sh", "-c", "echo direct-to-fd1").inheritIO().start();
        assertEquals(0, grandchild.waitFor());
    }

    @Test
    void assumptionFailsInChild() {
        assumeTrue(false, "assumed-false-in-child");
    }

    @Disabled("disabled-in-parent")
    @Test
    void disabled() {
    }
}
