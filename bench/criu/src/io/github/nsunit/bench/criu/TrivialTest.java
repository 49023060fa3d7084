package io.github.nsunit.bench.criu;

import org.junit.jupiter.api.Test;

/** The warm-up and the measured test: one empty test. */
class TrivialTest {
    @Test
    void trivial() {
    }
}
