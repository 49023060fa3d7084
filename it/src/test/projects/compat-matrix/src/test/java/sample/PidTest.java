package sample;

import io.github.nsunit.IsolatedPid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PID namespace: the namespace's PID 1 is nsunit's sh, the JVM is PID 2, and nothing of the host shows. */
@IsolatedPid
class PidTest {

    @Test
    void seesOnlyItsOwnProcesses() {
        assertEquals(2, ProcessHandle.current().pid());
        long visible = ProcessHandle.allProcesses().count();
        assertTrue(visible <= 3, visible + " processes visible in the PID namespace");
    }
}
