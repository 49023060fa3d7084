package sample;

import io.github.nsunit.ExpectSystemExit;
import org.junit.jupiter.api.Test;

/** nsunit's exit agent instruments Runtime.exit and halt whatever byte-buddy the user's class path holds. */
class ExitTest {
    @Test
    @ExpectSystemExit(3)
    void exitIsCaught() throws Exception {
        UsersByteBuddy.isThePinnedOne();
        System.exit(3);
    }

    /** Fails by design: only the agent sees the call, so only it can tell a halt from an exit with that status. */
    @Test
    @ExpectSystemExit(4)
    void haltIsToldApartFromExit() {
        Runtime.getRuntime().halt(4);
    }
}
