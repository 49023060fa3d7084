package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.plan.ChildJvmDefaults;

import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM's options: the fast-start defaults ({@link ChildJvmDefaults}), then what it inherits from this JVM
 * ({@link InheritedJvmOptions}), then the run's, then the test's.
 */
final class ChildJvmOptions {
    private ChildJvmOptions() {
    }

    static List<String> of(RunConfiguration run, IsolationRequest request, Class<?> testClass) {
        List<String> users = new ArrayList<>(InheritedJvmOptions.of(testClass));
        users.addAll(run.childJvmArgs());
        users.addAll(request.jvmArgs());
        return ChildJvmDefaults.of(users, run.fastStart(), request.limits().testScopedMemory());
    }
}
