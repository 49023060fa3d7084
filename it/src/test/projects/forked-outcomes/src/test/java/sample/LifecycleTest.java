package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Class lifecycle and parameterized tests in @Forked children. */
@Forked
class LifecycleTest {
    private static long beforeAllPid;
    private static int invocations;

    @BeforeAll
    static void recordPid() {
        beforeAllPid = ProcessHandle.current().pid();
    }

    @Test
    void beforeAllRanInThisChild() {
        Child.assertInChild();
        assertEquals(ProcessHandle.current().pid(), beforeAllPid);
    }

    /** Static state starts afresh: in one JVM the second invocation would see a count of 2. */
    @ParameterizedTest
    @ValueSource(strings = {"first", "second", "third"})
    void eachInvocationGetsAFreshJvm(String name) {
        invocations++;
        System.out.println("invocation " + name + " saw count " + invocations);
        assertEquals(1, invocations);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void isOdd(int number) {
        assertEquals(1, number % 2, number + " is even");
    }
}
