package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Four isolated tests that run at the same time, each in its own child JVM. */
@Execution(ExecutionMode.CONCURRENT)
@Forked
class ConcurrentForkedTest {
    @RepeatedTest(2)
    void first(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }

    @RepeatedTest(2)
    void second(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }
}
