package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class ForkedSmokeTest {
    @Test
    void runs() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SmokeTestCase.class)).execute()
                .allEvents().debug();
    }

    @Forked
    static class SmokeTestCase {
        @Test
        void passes() {
            System.out.println("hello from pid " + ProcessHandle.current().pid());
        }

        @Test
        void fails() {
            org.assertj.core.api.Assertions.assertThat(1).isEqualTo(2);
        }

        @Test
        void exits() {
            System.exit(3);
        }
    }
}
