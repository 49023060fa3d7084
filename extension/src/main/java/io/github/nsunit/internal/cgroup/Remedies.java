package io.github.nsunit.internal.cgroup;

/** The advice every cgroup error ends with, kept in one place so all messages give the same choices. */
final class Remedies {

    static final String BASE_PROPERTY = "nsunit.cgroup.base";

    static final String PERMISSION = "nsunit needs write access to a cgroup subtree. Run the tests as root"
            + " (CI runners with passwordless sudo: `sudo -E mvn test`), or, on cgroup v1, create a cgroup in each"
            + " hierarchy, give this user write access (e.g. `mkdir /sys/fs/cgroup/memory/nsunit && chown -R"
            + " $USER /sys/fs/cgroup/memory/nsunit`, likewise for cpu, cpuacct, pids) and set -D"
            + BASE_PROPERTY + "=nsunit. On cgroup v2 an unprivileged process may only move processes inside a"
            + " delegated subtree that already contains it, which nsunit does not arrange yet: run as root.";

    private Remedies() {
    }
}
