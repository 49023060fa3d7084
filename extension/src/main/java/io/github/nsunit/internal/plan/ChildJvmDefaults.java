package io.github.nsunit.internal.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM's options: the fast-start defaults first, then the user's, so later ones win. A default is left
 * out where the user's options choose otherwise (two garbage collectors would not start).
 */
public final class ChildJvmDefaults {
    private ChildJvmDefaults() {
    }

    public static List<String> of(List<String> users, boolean fastStart, boolean testScopedMemory) {
        List<String> options = new ArrayList<>();
        if (fastStart) {
            if (users.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.equals("-XX:-TieredCompilation"))) {
                options.add("-XX:TieredStopAtLevel=1");
            }
            if (users.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
                options.add("-XX:+UseSerialGC");
            }
            if (users.stream().noneMatch(o -> o.contains("UsePerfData"))) {
                options.add("-XX:-UsePerfData");
            }
            // A child runs JUnit's start-up once: at the default thresholds C1 compiles ~700 methods that are
            // then hardly run again, about a third of the child's CPU (measured). Five times the thresholds
            // halves that work; code a test really runs hot still gets compiled within milliseconds.
            if (users.stream().noneMatch(o -> o.startsWith("-XX:CompileThresholdScaling") || o.matches("-XX:Tier\\d\\w*=.*")
                    || o.equals("-Xint") || o.equals("-Xcomp"))) {
                options.add("-XX:CompileThresholdScaling=5");
            }
        }
        if (testScopedMemory) {
            // The young generation is otherwise sized from the host's RAM and touched before the first
            // collection: short-lived garbage alone would exceed a small test-scoped limit (measured).
            if (users.stream().noneMatch(o -> o.startsWith("-Xmn") || o.contains("NewSize"))) {
                options.add("-Xmn4m");
            }
            if (!fastStart && users.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
                options.add("-XX:+UseSerialGC");
            }
        }
        options.addAll(users);
        return options;
    }
}
