package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.linux.ToolRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an unprivileged run asks of passwordless {@code sudo -n}, the way the classic demo does with
 * {@code sudo cgcreate -a $USER}: create the run's directory in a hierarchy and hand it, files and all, to the
 * invoking user, and remove it at the end. Everything in between (leaves, limits, kills) the user does alone.
 * Paths go in as positional arguments, never into the script's text; {@code -n} never prompts.
 */
final class SudoCgroups {

    static final List<String> SUDO = List.of("sudo", "-n");

    /** Enables controllers in the base (v2), makes the run directory and gives it to its owner. */
    private static final String MAKE_RUN_DIRECTORY = "set -e; base=$1; dir=$2; owner=$3; enable=$4;"
            + " if [ -n \"$enable\" ]; then printf '%s' \"$enable\" > \"$base/cgroup.subtree_control\"; fi;"
            + " mkdir -- \"$dir\";"
            + " chown -R -- \"$owner\" \"$dir\"";

    private static volatile Boolean available;

    private SudoCgroups() {
    }

    /**
     * Whether {@code sudo -n} runs a command here without a password; probed once per JVM. A refusal costs
     * nothing but a line in the host's auth log, and nsunit only asks when a test wants a cgroup it cannot
     * make itself.
     */
    static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = ToolRun.of(command(List.of("true"))).succeeded();
            available = known;
        }
        return known;
    }

    /**
     * Makes {@code dir} (a child of {@code base}) as root and gives it and everything in it to {@code owner}
     * ({@code uid:gid}); {@code enable} ({@code "+memory +pids"}, or empty) is first written to the base's v2
     * {@code cgroup.subtree_control}.
     */
    static void makeRunDirectory(Path base, Path dir, String owner, String enable) {
        run("create the cgroup " + dir + " and hand it to uid:gid " + owner,
                List.of("/bin/sh", "-c", MAKE_RUN_DIRECTORY, "nsunit-cgroup-create", base.toString(), dir.toString(),
                        owner, enable));
    }

    /** Removes empty cgroup directories as root, in the order given (deepest first). */
    static void remove(List<Path> deepestFirst) {
        if (deepestFirst.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("rmdir", "--"));
        deepestFirst.forEach(dir -> command.add(dir.toString()));
        run("remove the cgroups " + deepestFirst, command);
    }

    private static void run(String purpose, List<String> command) {
        ToolRun run = ToolRun.of(command(command));
        if (!run.succeeded()) {
            throw new CgroupUnavailableException("Could not " + purpose + " through passwordless sudo: "
                    + run.describe() + ". " + Remedies.PERMISSION);
        }
    }

    static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(SUDO);
        full.addAll(command);
        return full;
    }
}
