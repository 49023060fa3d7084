package io.github.nsunit.internal.cgroup;

/** The advice every cgroup error ends with, kept in one place so all messages give the same choices. */
final class Remedies {

    static final String BASE_PROPERTY = "nsunit.cgroup.base";

    static final String PERMISSION = "nsunit needs write access to a cgroup subtree: run the tests as root,"
            + " or point -D" + BASE_PROPERTY + "=<dir> at a cgroup directory you own (on cgroup v2 it must be a"
            + " delegated subtree that also contains this JVM, e.g. one made by `systemd-run --user --scope -p"
            + " Delegate=yes`), or allow passwordless `sudo -n` for this user.";

    private Remedies() {
    }
}
