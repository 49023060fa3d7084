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

    static void kill(ProcessHandle root) {
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
