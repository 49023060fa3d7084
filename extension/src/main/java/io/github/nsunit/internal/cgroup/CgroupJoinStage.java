package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.stage.CommandStage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher stage that moves its own shell into a test's cgroups and then execs the rest, so everything
 * after it, the child JVM first of all, is born inside. Paths and the command go in as positional arguments.
 * Through sudo, a root shell writes this shell's pid (on cgroup v2 only root may move a process between
 * subtrees that meet at the root), and this shell, still the invoking user, execs the rest.
 */
final class CgroupJoinStage implements CommandStage {

    /** Exit status when a cgroup cannot be joined; 125 is what env(1) and friends use for "the wrapper failed". */
    static final int JOIN_FAILED = 125;

    private static final String FAIL = "{ echo \"nsunit: could not join the cgroup $f (see the error above)\" >&2;"
            + " exit " + JOIN_FAILED + "; }";

    private static final String SCRIPT = "for f; do"
            + " if [ \"$f\" = -- ]; then shift; break; fi;"
            + " echo $$ > \"$f\" || " + FAIL + ";"
            + " shift;"
            + " done;"
            + " exec \"$@\"";

    /** Run by root under sudo: {@code $1} is the pid to move, the other arguments the files to write it to. */
    private static final String AS_ROOT = "pid=$1; shift; for f; do echo \"$pid\" > \"$f\" || " + FAIL + "; done";

    private final List<Path> procsFiles;
    private final boolean throughSudo;

    CgroupJoinStage(List<Path> procsFiles) {
        this(procsFiles, false);
    }

    CgroupJoinStage(List<Path> procsFiles, boolean throughSudo) {
        this.procsFiles = List.copyOf(procsFiles);
        this.throughSudo = throughSudo;
    }

    @Override
    public List<String> wrap(List<String> next) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c"));
        if (throughSudo) {
            // $1 is the root script, $2.. the files; only their count is spliced into this script's text.
            int files = procsFiles.size();
            StringBuilder script = new StringBuilder(String.join(" ", SudoCgroups.SUDO))
                    .append(" /bin/sh -c \"$1\" nsunit-cgroup-join $$");
            for (int i = 2; i <= files + 1; i++) {
                script.append(" \"${").append(i).append("}\"");
            }
            script.append(" || exit ").append(JOIN_FAILED).append("; shift ").append(files + 1).append("; exec \"$@\"");
            command.addAll(List.of(script.toString(), "nsunit-cgroup-join", AS_ROOT));
            procsFiles.forEach(file -> command.add(file.toString()));
        } else {
            command.addAll(List.of(SCRIPT, "nsunit-cgroup-join"));
            procsFiles.forEach(file -> command.add(file.toString()));
            command.add("--");
        }
        command.addAll(next);
        return command;
    }
}
