package io.github.nsunit.internal.cgroup;

import io.github.nsunit.NsunitProperties;

/** The advice every cgroup error ends with, kept in one place so all messages give the same choices. */
final class Remedies {

    static final String PERMISSION = "nsunit needs a cgroup subtree it may write to, and found none. Any of these"
            + " gives it one: run the tests as root (CI runners with passwordless sudo: `sudo -E mvn test`);"
            + " allow passwordless sudo (`sudo -n true` must succeed): nsunit then creates each run's cgroup with"
            + " sudo, hands it to you and removes it at the end; on cgroup v2, run inside a delegated subtree, e.g."
            + " a systemd user session (`systemd-run --user --scope mvn test`, with memory, pids and cpu delegated"
            + " to user@.service); on cgroup v1, create a cgroup in each hierarchy, give this user write access"
            + " (e.g. `mkdir /sys/fs/cgroup/memory/nsunit && chown -R $USER /sys/fs/cgroup/memory/nsunit`,"
            + " likewise for cpu, cpuacct, pids) and set -D" + NsunitProperties.CGROUP_BASE + "=nsunit.";

    private Remedies() {
    }
}
