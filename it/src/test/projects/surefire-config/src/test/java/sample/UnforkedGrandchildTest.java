package sample;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The control, without nsunit: a grandchild that inherits Surefire's own stdout writes into Surefire's event
 * channel, and Surefire warns "Corrupted channel". In a @Forked test the same grandchild does no harm.
 */
class UnforkedGrandchildTest {

    @Test
    void grandchildWritesToSurefiresStdout() throws Exception {
        Process grandchild = new ProcessBuilder("sh", "-c", "echo direct-to-fd1-unforked").inheritIO().start();
        assertEquals(0, grandchild.waitFor());
    }
}
