package io.github.nsunit.samples;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that change JVM-wide state without cleaning up. In one JVM the second test to run would see the first
 * one's changes; with {@code @Forked} each starts from a fresh JVM, whatever the order.
 */
@Forked
class ForkedSampleTest {
    static int counter;

    @Test
    void firstMutation() {
        counter++;
        System.setProperty("sample.mode", "first");
        assertThat(counter).isEqualTo(1);
    }

    @Test
    void secondMutation() {
        counter++;
        assertThat(System.getProperty("sample.mode")).isNull();
        assertThat(counter).isEqualTo(1);
    }

    @Test
    void runsInItsOwnJvm() {
        System.out.println("this test ran in JVM pid " + ProcessHandle.current().pid());
        assertThat(ProcessHandle.current().parent()).isPresent();
    }
}
