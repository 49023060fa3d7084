package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact command lines the stage builds, and the parsing around it. The kernel behaviour of these commands is
 * tested in {@link NamespaceIsolationTest} and {@link ExitStatusTest}; this pins the shape for reviewers.
 */
class StageShapeTest {

    private static final ProcessIdentity USER = new ProcessIdentity(1000, 1000, List.of(1000L, 27L), false);
    private static final List<String> NEXT = List.of("java", "-cp", "x y", "Child");

    @Test
    void directWithEverythingButUser() {
        NamespaceRequest request = new NamespaceRequest(
                Set.of(Namespace.PID, Namespace.NETWORK, Namespace.UTS, Namespace.IPC), true);
        assertThat(new NamespaceStage(request, Privilege.DIRECT, USER, Map.of()).wrap(NEXT)).containsExactly(
                "unshare", "--fork", "--kill-child", "--pid", "--mount-proc", "--net", "--uts", "--ipc", "--mount",
                "--propagation", "private", "--",
                "sh", "-c", NamespaceStage.loopbackUpCommand() + NamespaceStage.FRESH_TMP + "\"$@\"; exit $?",
                "nsunit-namespace", "0", "java", "-cp", "x y", "Child");
    }

    @Test
    void aFreshTmpCarriesTheNamedHostEntriesAsArgumentsNeverInTheScript() {
        NamespaceRequest request = new NamespaceRequest(Set.of(), true).keepingInTmp(java.util.List.of("ci $(x)", "b"));
        assertThat(new NamespaceStage(request, Privilege.DIRECT, USER, Map.of()).wrap(NEXT)).containsExactly(
                "unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", NamespaceStage.FRESH_TMP + "exec \"$@\"", "nsunit-namespace", "2", "ci $(x)", "b",
                "java", "-cp", "x y", "Child");
    }

    @Test
    void withoutPidNamespaceUnshareExecsTheRestAfterBringingLoUp() {
        assertThat(new NamespaceStage(NamespaceRequest.of(Namespace.NETWORK), Privilege.USER_NAMESPACE, USER,
                Map.of()).wrap(NEXT))
                .containsExactly("unshare", "--user", "--map-root-user", "--net", "--",
                        "sh", "-c", NamespaceStage.loopbackUpCommand() + "exec \"$@\"", "nsunit-namespace",
                        "java", "-cp", "x y", "Child");
    }

    @Test
    void isolatedUserAloneMapsTheInvokingUserToRoot() {
        assertThat(new NamespaceStage(NamespaceRequest.of(Namespace.USER), Privilege.DIRECT, USER, Map.of())
                .wrap(NEXT)).containsExactly("unshare", "--user", "--map-root-user", "--", "java", "-cp", "x y",
                "Child");
    }

    @Test
    void sudoDropsToTheInvokingUserWithItsEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", "/home/u");
        environment.put("SPACED", "a b; $(rm -rf /)");
        NamespaceStage stage = new NamespaceStage(NamespaceRequest.of(Namespace.NETWORK), Privilege.SUDO, USER,
                environment);
        assertThat(stage.wrap(NEXT)).containsExactly(
                "sudo", "-n", "setpriv", "--pdeathsig=KILL", "--", "unshare", "--net", "--",
                "sh", "-c", NamespaceStage.loopbackUpCommand() + NamespaceStage.SUDO_NETWORK + "exec \"$@\"",
                "nsunit-namespace",
                "setpriv", "--reuid=1000", "--regid=1000", "--groups=1000,27", "--inh-caps=-all", "--",
                "env", "-i", "--", "HOME=/home/u", "SPACED=a b; $(rm -rf /)", "java", "-cp", "x y", "Child");
    }

    @Test
    void anEnvironmentTooLargeForSudoIsRefusedBeforeExec() {
        Map<String, String> huge = Map.of("BIG", "x".repeat(SudoChain.MAX_ARG_STRLEN));
        NamespaceStage stage = new NamespaceStage(NamespaceRequest.of(Namespace.NETWORK), Privilege.SUDO, USER, huge);
        assertThatThrownBy(() -> stage.wrap(NEXT)).hasMessageContaining("the variable BIG is 131076 bytes");
    }

    @Test
    void strategyParsesItsFourNamesAndRejectsTheRest() {
        assertThat(Strategy.parse(" Auto ")).isEqualTo(Strategy.AUTO);
        assertThat(Strategy.parse("user-namespace").forced()).contains(Privilege.USER_NAMESPACE);
        assertThat(Strategy.parse("sudo").candidates()).containsExactly(Privilege.SUDO);
        assertThat(Strategy.AUTO.candidates()).containsExactly(Privilege.values());
        assertThatThrownBy(() -> Strategy.parse("root")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nsunit.namespaces.strategy=\"root\" is not a namespace strategy: expected one of"
                        + " auto, direct, user-namespace, sudo");
    }

    @Test
    void freshTmpImpliesAMountNamespace() {
        NamespaceRequest request = new NamespaceRequest(Set.of(Namespace.PID), true);
        assertThat(request.namespaces()).containsExactlyInAnyOrder(Namespace.PID, Namespace.MOUNT);
        assertThat(request.describe()).isEqualTo("PID, mount namespaces with a private /tmp");
    }
}
