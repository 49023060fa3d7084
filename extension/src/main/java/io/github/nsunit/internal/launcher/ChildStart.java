package io.github.nsunit.internal.launcher;

import java.util.List;

/** The class path and JVM options a child starts with, once start-up levers such as a shared archive applied. */
record ChildStart(String classPath, List<String> jvmArgs) {
    ChildStart {
        jvmArgs = List.copyOf(jvmArgs);
    }
}
