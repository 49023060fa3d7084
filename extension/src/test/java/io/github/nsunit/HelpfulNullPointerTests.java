package io.github.nsunit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An isolated test's NullPointerException says what was null, in the parent's report, as in-process. */
class HelpfulNullPointerTests {

    @Test
    void theParentSeesTheJdksHelpfulMessage() {
        EngineRun run = EngineRun.of(NullTestCase.class);

        assertThat(run.failure("dereferencesNull")).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("Cannot invoke \"String.length()\" because \"absent\" is null");
    }

    static class NullTestCase {
        @Test
        @Forked
        void dereferencesNull() {
            String absent = null;
            absent.length();
        }
    }
}
