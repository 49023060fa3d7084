package io.github.nsunit.internal.parent;

import io.github.nsunit.CpuLimit;
import io.github.nsunit.MemoryLimit;
import io.github.nsunit.PidsLimit;
import io.github.nsunit.internal.cgroup.CgroupLimits;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cgroup limits the annotations ask for, validated: the nearest annotation (method over class) wins.
 *
 * @param memoryText the limit as the user wrote it, for messages ({@code @MemoryLimit(64M)})
 */
record LimitsRequest(OptionalLong memoryBytes, String memoryText, MemoryLimit.Scope memoryScope,
                     OptionalDouble cpuCores, OptionalLong pidsMax) {
    /**
     * A child JVM (JDK 17, fast-start options) running one trivial test was OOM-killed at 28 MiB and passed at
     * 32 MiB with its peak at the limit (measured on cgroup v1, see docs/memory-and-limits.md); 36 MiB leaves room for page
     * cache. Below it a limit would test nsunit's start-up, not the user's code.
     */
    static final long MIN_PROCESS_MEMORY = 36L * 1024 * 1024;
    /** A child JVM with the fast-start options needs about this many tasks of its own (threads included). */
    static final int MIN_PIDS = 24;

    static LimitsRequest of(ExtensionContext context, List<AnnotatedElement> outermostFirst) {
        Optional<MemoryLimit> memory = nearest(outermostFirst, MemoryLimit.class);
        Optional<CpuLimit> cpu = nearest(outermostFirst, CpuLimit.class);
        Optional<PidsLimit> pids = nearest(outermostFirst, PidsLimit.class);
        OptionalLong memoryBytes = memory.map(limit -> OptionalLong.of(memoryBytes(context, limit)))
                .orElse(OptionalLong.empty());
        OptionalDouble cores = cpu.map(limit -> {
            if (!(limit.value() > 0) || Double.isInfinite(limit.value())) {
                throw new ExtensionConfigurationException("@CpuLimit(" + limit.value() + ") on " + TestNames.of(context)
                        + ": expected a number of cores greater than 0, e.g. @CpuLimit(0.5)");
            }
            return OptionalDouble.of(limit.value());
        }).orElse(OptionalDouble.empty());
        OptionalLong pidsMax = pids.map(limit -> {
            if (limit.value() < MIN_PIDS) {
                throw new ExtensionConfigurationException("@PidsLimit(" + limit.value() + ") on " + TestNames.of(context)
                        + ": a child JVM needs about " + MIN_PIDS + " tasks (its own threads) to start; expected "
                        + MIN_PIDS + " or more, e.g. @PidsLimit(64)");
            }
            return OptionalLong.of(limit.value());
        }).orElse(OptionalLong.empty());
        return new LimitsRequest(memoryBytes, memory.map(MemoryLimit::value).orElse(""),
                memory.map(MemoryLimit::scope).orElse(MemoryLimit.Scope.PROCESS), cores, pidsMax);
    }

    boolean any() {
        return memoryBytes.isPresent() || cpuCores.isPresent() || pidsMax.isPresent();
    }

    boolean testScopedMemory() {
        return memoryBytes.isPresent() && memoryScope == MemoryLimit.Scope.TEST;
    }

    /** The limits the cgroup starts with; a test-scoped memory limit is set later, just before the test body. */
    CgroupLimits initialCgroupLimits() {
        return new CgroupLimits(memoryScope == MemoryLimit.Scope.PROCESS ? memoryBytes : OptionalLong.empty(),
                cpuCores, pidsMax);
    }

    /** {@code @MemoryLimit(64M)} or {@code @MemoryLimit(10M, scope = TEST)}: for messages. */
    String describeMemory() {
        return "@MemoryLimit(" + memoryText + (memoryScope == MemoryLimit.Scope.TEST ? ", scope = TEST" : "") + ")";
    }

    private static long memoryBytes(ExtensionContext context, MemoryLimit limit) {
        String where = "@MemoryLimit(\"" + limit.value() + "\") on " + TestNames.of(context);
        long bytes = MemorySize.parse(limit.value()).orElseThrow(() -> new ExtensionConfigurationException(
                where + ": expected " + MemorySize.ACCEPTED + ", greater than zero"));
        if (limit.scope() == MemoryLimit.Scope.PROCESS && bytes < MIN_PROCESS_MEMORY) {
            throw new ExtensionConfigurationException(where + ": " + MemorySize.format(bytes)
                    + " is below the " + MemorySize.format(MIN_PROCESS_MEMORY) + " a child JVM needs to start and run"
                    + " one test (measured: killed at 28 MiB, passes at 32 MiB with nothing to spare). Use at least \"" + MIN_PROCESS_MEMORY / (1024 * 1024) + "M\", or"
                    + " scope = TEST to limit only what the test itself uses on top of the started JVM.");
        }
        return bytes;
    }

    private static <A extends java.lang.annotation.Annotation> Optional<A> nearest(List<AnnotatedElement> elements,
                                                                                  Class<A> type) {
        for (int i = elements.size() - 1; i >= 0; i--) {
            Optional<A> found = AnnotationSupport.findAnnotation(elements.get(i), type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
