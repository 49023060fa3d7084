package io.github.nsunit.internal.extension;

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
        assertThat(TimeoutFormat.inFormat(text)).isFalse();
    }

    /** Issue 14.10: each once overflowed (a negative or wrapped deadline) or threw NumberFormatException. */
    @ParameterizedTest
    @ValueSource(strings = {"9300000000000000 μs", "1000000 d", "99999999999999999999 s", "36501 d",
            "876001 h", "9223372036854775807 ns"})
    void refusesWhatIsInTheFormatButLongerThanTheWatchdogCanWaitFor(String text) {
        assertThat(TimeoutFormat.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9300000000000000 μs", "1000000 d", "99999999999999999999 s", "36501 d"})
    void saysATooLongValueIsInTheFormatSoItIsRefusedRatherThanIgnored(String text) {
        assertThat(TimeoutFormat.inFormat(text)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"36500 d, PT876000H", "876000 h, PT876000H", "3153600000000000000 ns, PT876000H"})
    void acceptsUpToTheMaximum(String text, Duration expected) {
        assertThat(TimeoutFormat.parse(text)).hasValue(expected);
    }
}
