package sample;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The control: the same concurrent layout in-process, which Surefire attributes line by line. */
@Execution(ExecutionMode.CONCURRENT)
class InProcessTest {
    @RepeatedTest(2)
    void first(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }

    @RepeatedTest(2)
    void second(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }
}
