package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;

/** Isolated tests run one after another, while the concurrent class runs beside them. */
@Forked
class SameThreadForkedTest {
    @RepeatedTest(2)
    void first(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }

    @RepeatedTest(2)
    void second(TestInfo test) throws InterruptedException {
        Lines.print(test);
    }
}
