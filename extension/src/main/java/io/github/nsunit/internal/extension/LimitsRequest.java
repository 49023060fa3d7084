package io.github.nsunit.internal.extension;

import io.github.nsunit.CpuLimit;
import io.github.nsunit.MemoryLimit;
import io.github.nsunit.PidsLimit;
import io.github.nsunit.internal.cgroup.CgroupLimits;
import io.github.nsunit.internal.plan.IsolationRules;
import io.github.nsunit.internal.plan.IsolationRules.Caller;
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
    static LimitsRequest of(ExtensionContext context, List<AnnotatedElement> outermostFirst) {
        Optional<MemoryLimit> memory = nearest(outermostFirst, MemoryLimit.class);
        Optional<CpuLimit> cpu = nearest(outermostFirst, CpuLimit.class);
        Optional<PidsLimit> pids = nearest(outermostFirst, PidsLimit.class);
        OptionalLong memoryBytes = memory.map(limit -> OptionalLong.of(AnnotationRules.checked(context, describe(limit),
                () -> IsolationRules.memoryBytes(limit.value(), limit.scope(), Caller.ANNOTATION))))
                .orElse(OptionalLong.empty());
        OptionalDouble cores = cpu.map(limit -> OptionalDouble.of(AnnotationRules.checked(context, "@CpuLimit(" + limit.value() + ")",
                () -> IsolationRules.cpuCores(limit.value(), Caller.ANNOTATION)))).orElse(OptionalDouble.empty());
        OptionalLong pidsMax = pids.map(limit -> OptionalLong.of(AnnotationRules.checked(context, "@PidsLimit(" + limit.value() + ")",
                () -> IsolationRules.pidsMax(limit.value(), Caller.ANNOTATION)))).orElse(OptionalLong.empty());
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

    /** {@code @MemoryLimit("10M", scope = TEST)}, as written: for refusals. */
    private static String describe(MemoryLimit limit) {
        return "@MemoryLimit(\"" + limit.value() + "\"" + (limit.scope() == MemoryLimit.Scope.TEST ? ", scope = TEST" : "")
                + ")";
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
