package io.github.nsunit.internal.run;

import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.process.ChildOutcome;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the parent saw of one child run: how the child ended, its cgroup's figures, what it left running, and a
 * cleanup that failed after the outcome was known (reported beside the verdict, never in its place).
 */
public record ChildRun(ChildOutcome outcome, Optional<CgroupStats> stats, List<String> leftovers, Duration elapsed,
                       Optional<RuntimeException> cleanupError) {
    public ChildRun {
        leftovers = List.copyOf(leftovers);
    }
}
