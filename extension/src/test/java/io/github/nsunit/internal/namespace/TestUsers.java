package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;

import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test helper: the accounts created by {@code .ci/setup-users}, or a skipped test that says how to create them. */
final class TestUsers {

    static final String SUDO_USER = "nsunit-sudo";
    static final String NOPRIV_USER = "nsunit-nopriv";

    private TestUsers() {
    }

    /** The uid and gid of {@code name}, or an aborted (skipped) test when the account does not exist. */
    static ProcessIdentity require(String name) {
        Run uid = Run.of(List.of("id", "-u", name));
        assumeTrue(uid.status() == 0, () -> "user " + name + " does not exist: run .ci/setup-users as root"
                + " (it creates nsunit-sudo with passwordless sudo and nsunit-nopriv without): " + uid.stderr());
        Run gid = Run.of(List.of("id", "-g", name));
        return new ProcessIdentity(Long.parseLong(uid.stdout().strip()), Long.parseLong(gid.stdout().strip()),
                List.of(), false);
    }
}
