package io.github.nsunit.internal.parent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutFormatTests {

    @ParameterizedTest
    @CsvSource({
            "30 s, PT30S", "30s, PT30S", "30, PT30S", "' 30 s ', PT30S", "30 S, PT30S",
            "500 ms, PT0.5S", "7 ns, PT0.000000007S", "3 μs, PT0.000003S", "5 m, PT5M", "2 h, PT2H", "1 d, PT24H"})
    void parsesJUnitsTimeoutFormat(String text, Duration expected) {
        assertThat(TimeoutFormat.parse(text)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "", "0 s", "-1 s", "1.5 s", "30 sec", "30  s", "s", "05 s"})
    void refusesAnythingElse(String text) {
        assertThat(TimeoutFormat.parse(text)).isEmpty();
    }
}
