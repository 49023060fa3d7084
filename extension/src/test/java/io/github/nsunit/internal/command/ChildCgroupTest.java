package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cgroup.Cgroups;
import io.github.nsunit.internal.cgroup.JvmCgroups;
import io.github.nsunit.internal.cgroup.TestCgroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tracking cgroup that fails to be made costs only its own child: the next child gets one from the real
 * kernel, and only failures in a row switch tracking off, each said on stderr.
 */
class ChildCgroupTest {
    private static final String FAILURE = "cannot create /sys/fs/cgroup/pids/nsunit-1/x: Device or resource busy";

    @AfterEach
    void forget() {
        ChildCgroup.forgetFailures();
    }

    @Test
    void oneFailureCostsOnlyThatChild() {
        Cgroups real = JvmCgroups.get(Optional.empty());
        assumeTrue(real.createWithoutSudo("probe").map(probe -> {
            probe.close();
            return true;
        }).orElse(false), "needs cgroups without sudo (root)");
        AtomicInteger calls = new AtomicInteger();
        Supplier<Cgroups> failingOnce = () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException(FAILURE);
            }
            return real;
        };
        ChildCgroup tracking = ChildCgroup.tracking(failingOnce, "ChildCgroupTest.once");

        String warning = stderrOf(() -> assertThat(tracking.create(false)).isEmpty());
        Optional<TestCgroup> next = tracking.create(false);

        assertThat(warning).isEqualTo("nsunit: warning: could not make a tracking cgroup for ChildCgroupTest.once: "
                + FAILURE + "; this child runs without one, the next tries again\n");
        assertThat(next).as("the next child's tracking cgroup").isPresent();
        next.get().close();
    }

    @Test
    void failuresInARowSwitchTrackingOffAndSaySo() {
        AtomicInteger calls = new AtomicInteger();
        ChildCgroup tracking = ChildCgroup.tracking(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException(FAILURE);
        }, "ChildCgroupTest.always");

        String warnings = stderrOf(() -> {
            for (int i = 0; i < ChildCgroup.FAILURES_BEFORE_GIVING_UP + 2; i++) {
                assertThat(tracking.create(false)).isEmpty();
            }
        });

        assertThat(calls).as("tries before giving up").hasValue(ChildCgroup.FAILURES_BEFORE_GIVING_UP);
        assertThat(warnings.lines()).hasSize(ChildCgroup.FAILURES_BEFORE_GIVING_UP).last().asString()
                .endsWith("; after 3 failures in a row, the children of this run go without one: what a test leaves"
                        + " running and detached from its process tree may outlive it");
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
