package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 15.7: nsunit.child.jvm-args takes a value with spaces in quotes. */
class OptionLineTests {

    @Test
    void splitsAtWhitespace() {
        assertThat(OptionLine.split("  -ea \t-Xss512k\n-Dx=1 ")).containsExactly("-ea", "-Xss512k", "-Dx=1");
    }

    @Test
    void keepsAQuotedPartWholeAndRemovesTheQuotes() {
        assertThat(OptionLine.split("-Dx=\"a b\" '-Dy=c  d' -Dz=\"\"")).containsExactly("-Dx=a b", "-Dy=c  d", "-Dz=");
    }

    @Test
    void takesTheOtherQuoteAndBackslashesLiterally() {
        assertThat(OptionLine.split("-Dq=\"it's\" '-Dd=say \"hi\"' -Dp=C:\\tmp"))
                .containsExactly("-Dq=it's", "-Dd=say \"hi\"", "-Dp=C:\\tmp");
    }

    @Test
    void anEmptyQuotedWordIsAWord() {
        assertThat(OptionLine.split("'' -ea")).containsExactly("", "-ea");
        assertThat(OptionLine.split("   ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Dx=\"a b", "'-Dx=a b", "-Dx=\"a\" '"})
    void refusesAQuoteNeverClosed(String line) {
        assertThatThrownBy(() -> OptionLine.split(line)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("quote is never closed: expected " + OptionLine.ACCEPTED);
    }
}
