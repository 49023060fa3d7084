package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe on this machine, and real refusals with the messages users get. */
class HostProbeTest {

    private static final NamespaceRequest NET = NamespaceRequest.of(Namespace.NETWORK);

    @Test
    void rootIsDirectAndCachesItsAttempt() {
        HostProbe probe = new HostProbe("Linux", ProcessIdentity.current(), Path.of("/proc/sys"));
        assertThat(probe.choose(Strategy.AUTO, NET)).isEqualTo(Privilege.DIRECT);
        assertThat(probe.attempt(Privilege.DIRECT)).isSameAs(probe.attempt(Privilege.DIRECT));
        assertThat(probe.attempt(Privilege.SUDO).usable()).isFalse();
        assertThat(probe.attempt(Privilege.SUDO).detail()).contains("already runs as root");
    }

    /**
     * Inside a chroot the kernel makes every namespace for root but a user namespace: @IsolatedUser is refused
     * before a child starts, saying why, instead of ending as "unshare failed: Operation not permitted".
     */
    @Test
    void rootInsideAChrootIsToldThatTheKernelRefusesAUserNamespace() throws Exception {
        Path chroot = Files.createTempDirectory("nsunit-chroot-");
        try {
            Run kernel = Run.of(inChroot(chroot, List.of("unshare", "--user", "--map-root-user", "true")), Path.of("/"));
            assertThat(kernel.status()).as("the kernel's refusal inside a chroot: %s", kernel).isNotZero();
            assertThat(kernel.stderr()).contains("Operation not permitted");

            Run run = Run.of(inChroot(chroot, Executor.stageMainCommand(0, 0, "auto",
                    NamespaceRequest.of(Namespace.USER, Namespace.PID), List.of("true"))), Path.of("/"));
            assertThat(run.status()).as(run::toString).isEqualTo(StageMain.UNAVAILABLE);
            assertThat(run.stderr()).contains(
                    "direct: refused: every other namespace can be made, but the kernel refuses a user namespace"
                            + " (@IsolatedUser): `unshare --user --map-root-user",
                    "for a process inside a chroot",
                    "@IsolatedUser needs the kernel to make a user namespace: not inside a chroot",
                    "nsunit.unavailable=skip");

            Run withoutUser = Run.of(inChroot(chroot, Executor.stageMainCommand(0, 0, "auto",
                    NamespaceRequest.of(Namespace.PID), List.of("true"))), Path.of("/"));
            assertThat(withoutUser.status()).as(withoutUser::toString).isZero();
            assertThat(withoutUser.stderr()).contains("privilege=direct");
        } finally {
            Files.delete(chroot);
        }
    }

    /** {@code command} chrooted into a private bind of / at {@code directory}: the same files, a chroot to the kernel. */
    private static List<String> inChroot(Path directory, List<String> command) {
        List<String> full = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount --rbind / \"$0\" && exec chroot \"$0\" \"$@\"", directory.toString()));
        full.addAll(command);
        return full;
    }

    @Test
    void anUnprivilegedJvmChoosesUserNamespaces() {
        Run run = Run.of(Executor.stageMainCommand(65534, 65534, "auto", NET, List.of("true")), Path.of("/"));
        assertThat(run.status()).as(run::toString).isZero();
        assertThat(run.stderr()).contains("privilege=user-namespace");
    }

    @Test
    void forcingDirectAsAnUnprivilegedUserIsRefusedWithReasonsAndRemedies() {
        Run run = Run.of(Executor.stageMainCommand(65534, 65534, "direct", NET, List.of("true")), Path.of("/"));
        assertThat(run.status()).as(run::toString).isEqualTo(StageMain.UNAVAILABLE);
        assertThat(run.stderr()).contains(
                "cannot give the test network namespace",
                "nsunit.namespaces.strategy=direct",
                "direct: refused: this JVM runs as uid 65534 without CAP_SYS_ADMIN",
                "sysctl -w user.max_user_namespaces=15000",
                "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0",
                "passwordless sudo",
                "nsunit.unavailable=skip");
    }

    @Test
    void forcingSudoWithoutSudoRightsShowsSudosOwnWords() {
        ProcessIdentity user = TestUsers.require(TestUsers.NOPRIV_USER);
        Run run = Run.of(Executor.stageMainCommand(user.uid(), user.gid(), "sudo", NET, List.of("true")), Path.of("/"));
        assertThat(run.status()).as(run::toString).isEqualTo(StageMain.UNAVAILABLE);
        assertThat(run.stderr()).contains("sudo: refused: `sudo -n setpriv --pdeathsig=KILL -- unshare")
                .containsPattern("exited 1: sudo: (a password is required|.*not in the sudoers)");
    }

    @Test
    void sudoIsChosenForAUserWithPasswordlessSudo() {
        ProcessIdentity user = TestUsers.require(TestUsers.SUDO_USER);
        Run run = Run.of(Executor.stageMainCommand(user.uid(), user.gid(), "sudo", NET, List.of("true")), Path.of("/"));
        assertThat(run.stderr()).as(run::toString).contains("privilege=sudo");
        Run user2 = Run.of(Executor.stageMainCommand(user.uid(), user.gid(), "sudo",
                NamespaceRequest.of(Namespace.USER), List.of("true")), Path.of("/"));
        assertThat(user2.stderr()).as(user2::toString)
                .contains("sudo: refused: a user namespace mapped to the invoking user cannot be made through sudo");
    }

    @Test
    void onAnotherSystemNamespacesAreLinuxOnly() {
        HostProbe probe = new HostProbe("Mac OS X", ProcessIdentity.current(), Path.of("/proc/sys"));
        assertThatThrownBy(() -> probe.choose(Strategy.AUTO, NET))
                .isInstanceOf(NamespaceUnavailableException.class)
                .hasMessageContaining("namespaces are a Linux kernel feature, and this JVM runs on Mac OS X")
                .hasMessageContaining("nsunit.unavailable=skip");
    }

    @Test
    void aMissingUnshareNamesItsPackage() {
        Run run = Run.of(List.of("env", "PATH=/nonexistent", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                StageMain.class.getName(), "auto", "NETWORK", "false", "--", "true"));
        assertThat(run.status()).as(run::toString).isEqualTo(StageMain.UNAVAILABLE);
        assertThat(run.stderr()).contains("no `unshare` on PATH (/nonexistent)", "Install the util-linux package");
    }
}
