package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

/** Surefire runs tests with assertions enabled: each {@code assert false} must fail, isolated or not. */
class AssertionTest {
    @Test
    @Forked
    void isolatedAssertFails() {
        assert false : "isolated assert";
    }

    @Test
    void inProcessAssertFails() {
        assert false : "in-process assert";
    }
}
