package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run-wide parameters' parsers, without a run (issue 14.10). */
class RunConfigurationTests {

    /** Pure: nothing is started, so a broken bound shows here before an engine run could start spares. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "9", "1000", "2147483648", "-1", "two"})
    void aPrestartCountOutsideOneToEightIsRefused(String value) {
        assertThatThrownBy(() -> RunConfiguration.prestartCount(value))
                .isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.child.prestart.count=\"" + value + "\" is not a count:"
                        + " expected a whole number from 1 to 8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", " 2 ", "8"})
    void aPrestartCountFromOneToEightIsTaken(String value) {
        assertThat(RunConfiguration.prestartCount(value)).isEqualTo(Integer.parseInt(value.strip()));
    }

    @Test
    void jvmArgsAreSplitWithQuotes() {
        assertThat(RunConfiguration.jvmArgs(" -ea -Dx=\"a b\" ")).containsExactly("-ea", "-Dx=a b");
        assertThat(RunConfiguration.jvmArgs("  ")).isEmpty();
    }

    @Test
    void aJvmArgThatIsNotAnOptionIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> RunConfiguration.jvmArgs("-ea Xmx64m"))
                .isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter nsunit.child.jvm-args=\"-ea Xmx64m\": \"Xmx64m\" is"
                        + " not a JVM option");
    }
}
