package io.github.nsunit.internal.parent;

import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM's options: the fast-start defaults first, then the run's, then the test's, so later ones win.
 * A default is left out where the user's options choose otherwise (two garbage collectors would not start).
 */
final class ChildJvmOptions {
    private ChildJvmOptions() {
    }

    static List<String> of(RunConfiguration run, IsolationRequest request) {
        List<String> users = new ArrayList<>(run.childJvmArgs());
        users.addAll(request.jvmArgs());
        List<String> options = new ArrayList<>();
        if (run.fastStart()) {
            if (users.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.equals("-XX:-TieredCompilation"))) {
                options.add("-XX:TieredStopAtLevel=1");
            }
            if (users.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
                options.add("-XX:+UseSerialGC");
            }
            if (users.stream().noneMatch(o -> o.contains("UsePerfData"))) {
                options.add("-XX:-UsePerfData");
            }
        }
        if (request.limits().testScopedMemory()) {
            // The young generation is otherwise sized from the host's RAM and touched before the first
            // collection: short-lived garbage alone would exceed a small test-scoped limit (measured).
            if (users.stream().noneMatch(o -> o.startsWith("-Xmn") || o.contains("NewSize"))) {
                options.add("-Xmn4m");
            }
            if (!run.fastStart() && users.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
                options.add("-XX:+UseSerialGC");
            }
        }
        options.addAll(users);
        return options;
    }
}
