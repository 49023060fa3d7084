package io.github.nsunit.bench.criu;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prints one value of each source of randomness a test may use, so that bench/criu/measure can tell whether
 * restored copies of one image repeat each other (a copy must not).
 */
class RandomnessProbeTest {
    @Test
    void printRandomValues() {
        System.out.println("random SecureRandom=" + new SecureRandom().nextLong()
                + " UUID=" + UUID.randomUUID()
                + " Random=" + new Random().nextLong()
                + " Math.random=" + Math.random()
                + " ThreadLocalRandom=" + ThreadLocalRandom.current().nextLong());
    }
}
