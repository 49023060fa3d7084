package io.github.nsunit.internal.verdict;

import io.github.nsunit.ChildJvmException.Reason;
import io.github.nsunit.RunResult;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of endings covers every public reason and every ending of the programmatic API. */
class EndingTableTest {

    @Test
    void everyPublicReasonHasAnEnding() {
        assertThat(Arrays.stream(Ending.Kind.values()).map(kind -> kind.failure(1, "x").reason())
                .filter(Objects::nonNull)).containsAll(Arrays.asList(Reason.values()));
    }

    @Test
    void everyEndingOfTheProgrammaticApiHasAnEnding() {
        assertThat(Arrays.stream(Ending.Kind.values()).map(Ending.Kind::runResult).flatMap(Optional::stream))
                .containsAll(Arrays.asList(RunResult.Ending.values()));
    }
}
