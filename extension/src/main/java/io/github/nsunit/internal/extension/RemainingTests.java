package io.github.nsunit.internal.extension;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Counts, per running test plan, the tests still to come, so that no more spare children are started than tests
 * remain to take them: a run of one isolated test starts one JVM instead of three, and the last tests of a run
 * do not share the cores with spares that will only be killed. Registered through {@code META-INF/services}, like
 * {@link ConfigurationCapture}.
 *
 * <p>Where the count is not known, nothing is limited: no plan (an engine run without the launcher, a listener in
 * another class loader) or a container still open that may register tests as it runs (a parameterized test, a
 * test factory: containers with no children in the plan).
 */
public final class RemainingTests implements TestExecutionListener {
    private static final Map<TestPlan, Progress> RUNNING = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        RUNNING.put(plan, new Progress(plan));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        RUNNING.remove(plan);
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier identifier) {
        RUNNING.values().stream().filter(p -> p.contains(identifier.getUniqueIdObject()))
                .forEach(p -> p.registered(identifier));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        RUNNING.values().stream().filter(p -> p.contains(identifier.getUniqueIdObject()))
                .forEach(p -> p.skipped(identifier));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        RUNNING.values().stream().filter(p -> p.contains(identifier.getUniqueIdObject()))
                .forEach(p -> p.finished(identifier));
    }

    /** At most {@code wanted}, and no more than the tests that will run after the running test {@code uniqueId}. */
    static int sparesFor(String uniqueId, int wanted) {
        OptionalInt after = after(uniqueId);
        return after.isPresent() ? Math.min(wanted, after.getAsInt()) : wanted;
    }

    /** How many tests of its plan will still start after the running test {@code uniqueId}; empty if unknown. */
    static OptionalInt after(String uniqueId) {
        UniqueId id;
        try {
            id = UniqueId.parse(uniqueId);
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
        return RUNNING.values().stream().filter(p -> p.contains(id)).findFirst()
                .map(Progress::afterOneRunning).orElse(OptionalInt.empty());
    }

    /** One plan's tests not yet finished or skipped, and its open containers that may still register tests. */
    private static final class Progress {
        private final TestPlan plan;
        private final AtomicInteger testsLeft = new AtomicInteger();
        private final Set<UniqueId> openLeafContainers = ConcurrentHashMap.newKeySet();

        Progress(TestPlan plan) {
            this.plan = plan;
            plan.getRoots().stream().flatMap(root -> Stream.concat(Stream.of(root), plan.getDescendants(root).stream()))
                    .forEach(this::count);
        }

        private void count(TestIdentifier identifier) {
            if (identifier.isTest()) {
                testsLeft.incrementAndGet();
            }
            if (identifier.isContainer() && plan.getChildren(identifier).isEmpty()) {
                openLeafContainers.add(identifier.getUniqueIdObject());
            }
        }

        boolean contains(UniqueId id) {
            try {
                plan.getTestIdentifier(id);
                return true;
            } catch (RuntimeException notInThisPlan) {
                return false;
            }
        }

        void registered(TestIdentifier identifier) {
            if (identifier.isTest()) {
                testsLeft.incrementAndGet();
            }
        }

        void finished(TestIdentifier identifier) {
            if (identifier.isTest()) {
                testsLeft.decrementAndGet();
            }
            openLeafContainers.remove(identifier.getUniqueIdObject());
        }

        /** A skipped container's tests are skipped with it, without events of their own. */
        void skipped(TestIdentifier identifier) {
            Stream.concat(Stream.of(identifier), plan.getDescendants(identifier).stream()).forEach(this::finished);
        }

        OptionalInt afterOneRunning() {
            if (!openLeafContainers.isEmpty()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Math.max(0, testsLeft.get() - 1));
        }
    }
}
