package io.github.nsunit.internal.verdict;

import io.github.nsunit.ExpectOutOfMemory;
import io.github.nsunit.internal.cgroup.CgroupStats;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the verdict needs to know about the test besides what its child did: its name, how it is expected to
 * end, its memory limit as the user wrote it, and the figures of its cgroup.
 *
 * @param memoryLimit e.g. {@code @MemoryLimit(64M)}; empty when the test has none
 */
public record TestFacts(String testName, ClassLoader loader, Optional<ExpectOutOfMemory.Kind> expectedOutOfMemory,
                        OptionalInt expectedExit, String memoryLimit, Optional<CgroupStats> stats) {
}
