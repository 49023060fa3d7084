package io.github.nsunit.internal.cache;

import java.util.List;

/** The class path and JVM options a child starts with, once start-up levers such as a shared archive applied. */
public record ChildStart(String classPath, List<String> jvmArgs) {
    public ChildStart {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
