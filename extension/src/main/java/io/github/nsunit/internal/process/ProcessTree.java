package io.github.nsunit.internal.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Kills a process and whatever it started that is still its descendant, deepest first, so none is re-parented. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Does nothing once {@code root} has ended: the kernel hands its children to a reaper at its exit, so none is
     * its descendant any more (what escaped is the cgroup's to kill), and listing descendants reads every
     * process on the host (~1 ms of the parent's CPU per test, in close() after every child's exit).
     */
    static void kill(ProcessHandle root) {
        if (!root.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            descendants.forEach(tree::add);
        }
        tree.sort(Comparator.comparingInt(ProcessTree::depth).reversed());
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static int depth(ProcessHandle handle) {
        int depth = 0;
        for (Optional<ProcessHandle> p = handle.parent(); p.isPresent() && depth < 64; p = p.get().parent()) {
            depth++;
        }
        return depth;
    }
}
