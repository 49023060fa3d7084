package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class TestNamesTests {

    @Test
    void namesATestByItsClassesMethodAndParametersAndAnInvocationByItsDisplayNameToo() {
        List<String> names = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NamedTestCase.class))
                .execute().allEvents().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("name")).toList();

        assertThat(names).containsExactlyInAnyOrder(
                "TestNamesTests.NamedTestCase",
                "TestNamesTests.NamedTestCase.plain()",
                "TestNamesTests.NamedTestCase.withParameters(int, String) [1] 64, M",
                "TestNamesTests.NamedTestCase.displayed() [a readable name]",
                "TestNamesTests.NamedTestCase.InnerTestCase.inner()");
    }

    /** Publishes what TestNames makes of each context it sees. */
    static final class NameReporter implements BeforeAllCallback, BeforeEachCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            if (context.getRequiredTestClass() == NamedTestCase.class) {
                context.publishReportEntry("name", TestNames.of(context));
            }
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            context.publishReportEntry("name", TestNames.of(context));
        }
    }

    @ExtendWith(NameReporter.class)
    static class NamedTestCase {
        @Test
        void plain() {
        }

        @ParameterizedTest
        @CsvSource("64, M")
        void withParameters(int size, String unit) {
        }

        @Test
        @DisplayName("a readable name")
        void displayed() {
        }

        @Nested
        class InnerTestCase {
            @Test
            void inner() {
            }
        }
    }
}
