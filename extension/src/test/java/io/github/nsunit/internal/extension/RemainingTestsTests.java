package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The count of tests still to come, as a real launcher run sees it: RemainingTests is picked up from
 * META-INF/services like any listener, and each fixture test asks it before its body.
 */
class RemainingTestsTests {
    /** What each fixture test was told, by its display name. */
    static final Map<String, OptionalInt> TOLD = new ConcurrentHashMap<>();

    @Test
    void countsTheTestsAfterEachOneAndDropsASkippedOneOnceSkipped() {
        TOLD.clear();
        run(ThreeTestsAndADisabledOne.class);

        // whether a test will be skipped is known only when its turn comes: until then it counts
        assertThat(TOLD).containsOnly(
                Map.entry("first()", OptionalInt.of(3)),
                Map.entry("second()", OptionalInt.of(2)),
                Map.entry("third()", OptionalInt.of(0)));
    }

    @Test
    void doesNotKnowWhileAContainerMayStillRegisterTests() {
        TOLD.clear();
        run(ParameterizedThenPlain.class);

        // while the parameterized test runs, its invocations come one by one: how many is not known
        assertThat(TOLD).containsOnly(
                Map.entry("[1] 1", OptionalInt.empty()),
                Map.entry("[2] 2", OptionalInt.empty()),
                Map.entry("plain()", OptionalInt.of(0)));
    }

    @Test
    void knowsNothingOfATestOutsideEveryRunningPlan() {
        assertThat(RemainingTests.after("[engine:junit-jupiter]/[class:nowhere.Test]/[method:none()]")).isEmpty();
        assertThat(RemainingTests.sparesFor("[engine:junit-jupiter]/[class:nowhere.Test]/[method:none()]", 2))
                .isEqualTo(2);
        assertThat(RemainingTests.after("not a unique id")).isEmpty();
    }

    private static void run(Class<?> fixture) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .build(), summary);
        assertThat(summary.getSummary().getFailures()).isEmpty();
    }

    /** Records, before each test's body, how many tests RemainingTests says will start after it. */
    static final BeforeEachCallback RECORD = context -> TOLD.put(context.getDisplayName(),
            RemainingTests.after(context.getUniqueId()));

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ThreeTestsAndADisabledOne {
        @RegisterExtension
        static final BeforeEachCallback record = RECORD;

        @Test
        @Order(1)
        void first() {
        }

        @Test
        @Order(2)
        void second() {
        }

        @Test
        @Order(3)
        @Disabled("skipped when its turn comes")
        void skipped() {
        }

        @Test
        @Order(4)
        void third() {
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ParameterizedThenPlain {
        @RegisterExtension
        static final BeforeEachCallback record = RECORD;

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        @Order(1)
        void parameterized(int value) {
        }

        @Test
        @Order(2)
        void plain() {
        }
    }
}
