package io.github.nsunit.internal.extension;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps a test's relayed output and its end together, for reporters that give output to whichever test ends
 * next. Maven Surefire (3.5 and earlier) does that: its report collects a fork's output in one buffer and
 * hands the buffer to the next test that finishes, so under JUnit's parallel execution a line printed while
 * another test finishes lands in that test's report. An isolated test prints all its child's output at once,
 * just before it ends, inside this gate; the gate opens again when the launcher reports the test finished.
 * JUnit tells listeners that a test finished in reverse order of registration, so this listener, registered
 * through {@code META-INF/services} ahead of the reporter the build passes in, hears it after the reporter.
 *
 * <p>Only the isolated tests' own output goes through the gate: what in-process tests print concurrently is
 * attributed by the reporter alone, exactly as without nsunit.
 */
public final class ReportGate implements TestExecutionListener {
    /** Long enough for any reporter to record a test's end; a holder that never ends cannot stop the run. */
    private static final long WAIT_SECONDS = 10;
    private static final Semaphore gate = new Semaphore(1);
    private static final AtomicReference<String> holder = new AtomicReference<>();
    private static volatile boolean listening;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        listening = true;
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        listening = false;
        leave(holder.get());
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        leave(test.getUniqueId());
    }

    /** Whether this launcher reports ends to the gate (it does unless its listeners were switched off). */
    static boolean listening() {
        return listening;
    }

    /**
     * Enters the gate for the test {@code uniqueId}, which must end soon: until its end is reported, other
     * isolated tests wait here with their output.
     */
    static void enter(String uniqueId) throws InterruptedException {
        // Past the wait, the holder's end was never reported: take its place without a permit (its own end
        // no longer matches the holder, so it releases nothing), print anyway and never hang the run.
        gate.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        holder.set(uniqueId);
    }

    private static void leave(String uniqueId) {
        if (uniqueId != null && holder.compareAndSet(uniqueId, null)) {
            gate.release();
        }
    }
}
