package sample;

import io.github.nsunit.IsolatedPid;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CoverageTest {
    @Test
    @IsolatedPid
    void isolatedTestExercisesItsClass() {
        assertEquals(42, OnlyIsolated.twice(21));
    }

    @Test
    void inProcessTestExercisesItsClass() {
        assertEquals(63, OnlyInProcess.thrice(21));
    }
}
