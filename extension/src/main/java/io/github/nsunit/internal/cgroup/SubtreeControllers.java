package io.github.nsunit.internal.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The v2 controllers a test's leaf needs, handed down through {@code cgroup.subtree_control}. */
final class SubtreeControllers {
    /** The v2 controllers a leaf needs enabled by its parents. */
    private static final List<Controller> NEEDED = List.of(Controller.MEMORY, Controller.CPU, Controller.PIDS);

    private SubtreeControllers() {
    }

    /**
     * v2 hands a controller to a child only if the parent lists it in {@code cgroup.subtree_control}; the
     * leaf's limits need memory, cpu and pids handed down through the base and the run directory.
     */
    static void enable(Path dir) {
        for (String name : missing(dir)) {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), "+" + name,
                    "enable the " + name + " controller for the cgroups below " + dir);
        }
    }

    /** The controllers a leaf needs that {@code dir} offers but does not yet hand down. */
    static List<String> missing(Path dir) {
        Set<String> available = words(dir.resolve("cgroup.controllers"));
        Set<String> enabled = words(dir.resolve("cgroup.subtree_control"));
        return NEEDED.stream().map(Controller::kernelName)
                .filter(name -> available.contains(name) && !enabled.contains(name)).collect(Collectors.toList());
    }

    private static Set<String> words(Path file) {
        String text = CgroupFiles.read(file).trim();
        return text.isEmpty() ? Set.of() : Set.of(text.split("\\s+"));
    }
}
