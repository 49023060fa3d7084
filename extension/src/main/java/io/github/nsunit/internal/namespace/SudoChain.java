package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two ends of the sudo path: how to become root for {@code unshare}, and how the child gets back to the
 * invoking user with its own environment.
 */
final class SudoChain {

    /**
     * {@code sudo -n} never prompts. sudo does not kill its command when it is SIGKILLed itself, so the root
     * {@code unshare} gets a parent-death signal; its {@code --kill-child} then takes the rest down.
     */
    static final List<String> PREFIX = List.of("sudo", "-n", "setpriv", "--pdeathsig=KILL", "--");

    /** Linux refuses a single argument or variable longer than this (MAX_ARG_STRLEN, 32 pages). */
    static final int MAX_ARG_STRLEN = 32 * 4096;

    /**
     * How many bytes of environment we pass as arguments. The command line carries the environment a second
     * time (sudo starts with the parent's environment too), and argv plus envp must stay under ARG_MAX (2 MiB
     * with the default 8 MiB stack), so refuse early with a message instead of letting exec fail with E2BIG.
     */
    static final int MAX_ENVIRONMENT_BYTES = 768 * 1024;

    private SudoChain() {
    }

    /**
     * {@code setpriv ... -- env -i K=V ... }: drops from root to {@code user} (never leaving the child JVM root)
     * and restores the environment that sudo reset, each variable its own argument, never through a shell. The
     * command that follows must not contain '=' in its first word, or {@code env} would take it for a variable.
     */
    static List<String> dropTo(ProcessIdentity user, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid()));
        if (user.groups().isEmpty()) {
            command.add("--clear-groups");
        } else {
            command.add("--groups=" + String.join(",", user.groups().stream().map(String::valueOf).toList()));
        }
        command.add("--inh-caps=-all");
        command.add("--");
        command.add("env");
        command.add("-i");
        command.add("--"); // env's options end here; NAME=VALUE arguments follow, then the command
        long total = 0;
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String assignment = variable.getKey() + "=" + variable.getValue();
            if (variable.getKey().isEmpty() || variable.getKey().contains("=")) {
                continue; // not expressible as NAME=VALUE; the kernel would not have passed it on either
            }
            if (assignment.length() >= MAX_ARG_STRLEN) {
                throw new IllegalStateException("nsunit passes the environment through sudo as arguments to"
                        + " `env -i`, and the variable " + variable.getKey() + " is " + assignment.length()
                        + " bytes, over Linux's per-argument limit of " + MAX_ARG_STRLEN
                        + ": shorten or unset it, or run the tests where user namespaces or root are available");
            }
            total += assignment.length() + 1 + Long.BYTES;
            command.add(assignment);
        }
        if (total > MAX_ENVIRONMENT_BYTES) {
            throw new IllegalStateException("nsunit passes the environment through sudo as arguments to `env -i`,"
                    + " and it is " + total + " bytes, over the " + MAX_ENVIRONMENT_BYTES + " bytes that fit"
                    + " safely in Linux's ARG_MAX: trim the environment of the test JVM, or run the tests where"
                    + " user namespaces or root are available");
        }
        return command;
    }
}
