package io.github.nsunit.internal.process;

import io.github.nsunit.internal.stage.ParentDeathStage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The children of this JVM that are still running. A shutdown hook kills them when the parent JVM exits
 * normally or on SIGTERM; on SIGKILL the kernel does it ({@link ParentDeathStage}).
 */
final class LiveChildren {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::killTree),
                "nsunit-kill-children"));
    }

    private LiveChildren() {
    }

    static void add(ChildProcess child) {
        LIVE.add(child);
    }

    static void remove(ChildProcess child) {
        LIVE.remove(child);
    }
}
