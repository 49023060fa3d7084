package sample;

import org.junit.jupiter.api.TestInfo;

/** Prints lines that name the test printing them, spread over time so that concurrent tests interleave. */
final class Lines {
    private Lines() {
    }

    static void print(TestInfo test) throws InterruptedException {
        // e.g. "sample.ConcurrentForkedTest#first[repetition 1 of 2]"
        String name = test.getTestClass().orElseThrow().getName() + "#" + test.getTestMethod().orElseThrow().getName()
                + "[" + test.getDisplayName() + "]";
        for (int line = 1; line <= 5; line++) {
            System.out.println("line " + line + " of " + name);
            Thread.sleep(40);
        }
    }
}
