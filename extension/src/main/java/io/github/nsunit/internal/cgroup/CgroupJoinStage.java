package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.launcher.CommandStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher stage that moves its own shell into a test's cgroups and then execs the rest, so everything
 * after it, the child JVM first of all, is born inside. Paths and the command go in as positional arguments.
 */
final class CgroupJoinStage implements CommandStage {

    /** Exit status when a cgroup cannot be joined; 125 is what env(1) and friends use for "the wrapper failed". */
    static final int JOIN_FAILED = 125;

    private static final String SCRIPT = "for f; do"
            + " if [ \"$f\" = -- ]; then shift; break; fi;"
            + " echo $$ > \"$f\" || { echo \"nsunit: could not join the cgroup $f (see the error above)\" >&2;"
            + " exit " + JOIN_FAILED + "; };"
            + " shift;"
            + " done;"
            + " exec \"$@\"";

    private final List<Path> procsFiles;

    CgroupJoinStage(List<Path> procsFiles) {
        this.procsFiles = List.copyOf(procsFiles);
    }

    @Override
    public List<String> wrap(List<String> next) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "nsunit-cgroup-join"));
        procsFiles.forEach(file -> command.add(file.toString()));
        command.add("--");
        command.addAll(next);
        return command;
    }
}
