package io.github.nsunit.internal.extension;

import io.github.nsunit.DenySyscalls;
import io.github.nsunit.ExpectOutOfMemory;
import io.github.nsunit.ExpectSystemExit;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** How the test is expected to end, when that is not "it passes": out of memory, or by {@code System.exit}. */
record Expectations(Optional<ExpectOutOfMemory.Kind> outOfMemory, OptionalInt systemExit) {

    static Expectations of(ExtensionContext context, List<AnnotatedElement> outermostFirst, LimitsRequest limits) {
        Optional<ExpectOutOfMemory.Kind> oom = Optional.empty();
        OptionalInt exit = OptionalInt.empty();
        for (AnnotatedElement element : outermostFirst) {
            Optional<ExpectOutOfMemory> expectOom = AnnotationSupport.findAnnotation(element, ExpectOutOfMemory.class);
            if (expectOom.isPresent()) {
                oom = Optional.of(expectOom.get().value());
            }
            Optional<ExpectSystemExit> expectExit = AnnotationSupport.findAnnotation(element, ExpectSystemExit.class);
            if (expectExit.isPresent()) {
                exit = OptionalInt.of(expectExit.get().value());
            }
        }
        if (oom.isPresent() && limits.memoryBytes().isEmpty()) {
            throw new ExtensionConfigurationException("@ExpectOutOfMemory on " + TestNames.of(context)
                    + " needs a @MemoryLimit to run out of: add e.g. @MemoryLimit(\"64M\") to the test");
        }
        if (oom.isPresent() && exit.isPresent()) {
            throw new ExtensionConfigurationException(TestNames.of(context) + " has both @ExpectOutOfMemory and"
                    + " @ExpectSystemExit: a test can end only one way; keep the one it should");
        }
        if (exit.isPresent() && (exit.getAsInt() < 0 || exit.getAsInt() > 255)) {
            throw new ExtensionConfigurationException("@ExpectSystemExit(" + exit.getAsInt() + ") on "
                    + TestNames.of(context) + ": an exit status is 0 to 255 (the kernel keeps the low 8 bits)");
        }
        return new Expectations(oom, exit);
    }

    /** The names of the nearest {@code @DenySyscalls}, empty when there is none (a present, empty list is a mistake). */
    static Optional<List<String>> deniedSyscalls(List<AnnotatedElement> outermostFirst) {
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            Optional<DenySyscalls> deny = AnnotationSupport.findAnnotation(outermostFirst.get(i), DenySyscalls.class);
            if (deny.isPresent()) {
                return Optional.of(List.of(deny.get().value()));
            }
        }
        return Optional.empty();
    }
}
