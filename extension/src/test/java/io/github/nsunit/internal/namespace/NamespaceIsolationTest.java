package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real commands through {@link NamespaceStage} on this machine's kernel and checks from inside and outside
 * that each namespace is really new — as root, as an unprivileged user (who must end up with a user
 * namespace), and as a user with passwordless sudo.
 */
class NamespaceIsolationTest {

    static Stream<Supplier<Executor>> executors() {
        return Stream.of(
                named("root JVM, direct", () -> Executor.inProcess(Privilege.DIRECT, ProcessIdentity.current())),
                named("root JVM, user-namespace",
                        () -> Executor.inProcess(Privilege.USER_NAMESPACE, ProcessIdentity.current())),
                named("uid 65534 JVM, auto", () -> Executor.otherJvm("uid 65534", 65534, 65534, "auto",
                        Privilege.USER_NAMESPACE)),
                named("nsunit-sudo JVM, sudo", () -> {
                    ProcessIdentity user = TestUsers.require(TestUsers.SUDO_USER);
                    return Executor.otherJvm(TestUsers.SUDO_USER, user.uid(), user.gid(), "sudo", Privilege.SUDO);
                }));
    }

    private static Supplier<Executor> named(String name, Supplier<Executor> executor) {
        return new Supplier<>() {
            @Override
            public Executor get() {
                return executor.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void pidNamespaceShowsOnlyItsOwnProcesses(Supplier<Executor> executor) throws IOException {
        Run run = executor.get().run(NamespaceRequest.of(Namespace.PID),
                sh("echo $$; ls /proc | grep -c '^[0-9][0-9]*$'; readlink /proc/self/ns/pid"));

        List<String> lines = lines(run);
        // PID 1 is the waiting shell of the stage; the command is its child.
        assertThat(lines.get(0)).as(run::toString).isEqualTo("2");
        assertThat(Integer.parseInt(lines.get(1))).as("processes seen in /proc: " + run).isBetween(2, 5);
        assertThat(lines.get(2)).isNotEqualTo(hostNamespace("pid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void networkNamespaceHasOnlyLoopback(Supplier<Executor> executor) throws IOException {
        Run run = executor.get().run(NamespaceRequest.of(Namespace.NETWORK),
                sh("readlink /proc/self/ns/net; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));

        List<String> lines = lines(run);
        assertThat(lines.get(0)).as(run::toString).isNotEqualTo(hostNamespace("net"));
        assertThat(lines.subList(1, lines.size())).as(run::toString).containsExactly("lo");
        assertThat(Files.readString(Path.of("/proc/net/dev"))).as("the host has more than lo").contains("eth", ":");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void utsNamespaceKeepsHostnameChangesInside(Supplier<Executor> executor) throws IOException {
        Executor chosen = executor.get();
        String hostBefore = hostname();
        // Under sudo the child runs as the plain invoking user, who may not set the hostname even in its own
        // UTS namespace: only the namespace itself is checked there.
        boolean mayRename = chosen.privilege() != Privilege.SUDO;
        String script = "readlink /proc/self/ns/uts; " + (mayRename ? "hostname nsunit-x && hostname" : "echo skipped");
        Run run = chosen.run(NamespaceRequest.of(Namespace.UTS), sh(script));

        List<String> lines = lines(run);
        assertThat(lines.get(0)).as(run::toString).isNotEqualTo(hostNamespace("uts"));
        if (mayRename) {
            assertThat(lines.get(1)).isEqualTo("nsunit-x");
        }
        assertThat(hostname()).isEqualTo(hostBefore).isNotEqualTo("nsunit-x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void ipcNamespaceHasItsOwnQueues(Supplier<Executor> executor) throws IOException {
        String hostQueues = Files.readString(Path.of("/proc/sysvipc/msg"));
        Run run = executor.get().run(NamespaceRequest.of(Namespace.IPC),
                sh("readlink /proc/self/ns/ipc; ipcmk -Q >/dev/null && tail -n +2 /proc/sysvipc/msg | wc -l"));

        List<String> lines = lines(run);
        assertThat(lines.get(0)).as(run::toString).isNotEqualTo(hostNamespace("ipc"));
        assertThat(lines.get(1)).as("queues inside after ipcmk: " + run).isEqualTo("1");
        assertThat(Files.readString(Path.of("/proc/sysvipc/msg"))).as("the host's queues").isEqualTo(hostQueues);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void freshTmpIsAnEmptyPrivateTmpfs(Supplier<Executor> executor) throws IOException {
        Path hostMarker = Files.createTempFile("nsunit-host-marker", "");
        String inside = "nsunit-inside-" + UUID.randomUUID();
        try {
            Run run = executor.get().run(new NamespaceRequest(Set.of(), true), sh(
                    "readlink /proc/self/ns/mnt; ls -A /tmp | wc -l; grep ' /tmp ' /proc/self/mounts;"
                            + " touch /tmp/" + inside + " && ls /tmp"));

            List<String> lines = lines(run);
            assertThat(lines.get(0)).as(run::toString).isNotEqualTo(hostNamespace("mnt"));
            assertThat(lines.get(1)).as("entries in the fresh /tmp: " + run).isEqualTo("0");
            assertThat(lines.get(2)).startsWith(NamespaceStage.TMP_SOURCE + " /tmp tmpfs rw,nosuid,nodev");
            assertThat(lines.get(3)).isEqualTo(inside);
            assertThat(Path.of("/tmp", inside)).doesNotExist();
            assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(NamespaceStage.TMP_SOURCE);
        } finally {
            Files.deleteIfExists(hostMarker);
            Files.deleteIfExists(Path.of("/tmp", inside));
        }
    }

    static Stream<Supplier<Executor>> rootExecutors() {
        return executors().limit(2);
    }

    /**
     * Host /tmp entries whose names look like options, the old end marker or shell syntax are all carried over as
     * names, and a build directory that is itself a mount below /tmp keeps its content (its submount comes along).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rootExecutors")
    void freshTmpCarriesHostileNamesAndSubmountsOfKeptEntries(Supplier<Executor> executor) throws Exception {
        List<String> hostile = List.of("--", "-rf", "$(touch x)", "a b\nc");
        String build = "nsunit-build-" + UUID.randomUUID();
        Path buildDir = Path.of("/tmp", build);
        List<Path> made = new java.util.ArrayList<>();
        for (String name : hostile) {
            Path entry = Path.of("/tmp", name);
            if (!Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                made.add(Files.createFile(entry));
            }
        }
        Files.createDirectory(buildDir);
        try {
            assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "nsunit-test-build", buildDir.toString())
                    .inheritIO().start().waitFor()).isZero();
            Files.writeString(buildDir.resolve("Test.class"), "classes\n");
            java.util.List<String> kept = new java.util.ArrayList<>(hostile);
            kept.add(build);
            Run run = executor.get().run(new NamespaceRequest(Set.of(), true).keepingInTmp(kept),
                    sh("ls -A /tmp | wc -l; cat /tmp/" + build + "/Test.class; for n in -- -rf '$(touch x)' 'a b\nc';"
                            + " do [ -f \"/tmp/$n\" ] && echo kept; done"));

            // five entries, the one with a newline listed on two lines
            assertThat(lines(run)).as(run::toString).containsExactly("6", "classes", "kept", "kept", "kept", "kept");
            assertThat(Path.of("x")).doesNotExist();
            assertThat(Path.of("/x")).doesNotExist();
        } finally {
            new ProcessBuilder("umount", buildDir.toString()).inheritIO().start().waitFor();
            Files.deleteIfExists(buildDir);
            for (Path entry : made) {
                Files.deleteIfExists(entry);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void everyNamespaceAtOnce(Supplier<Executor> executor) throws IOException {
        Executor chosen = executor.get();
        EnumSet<Namespace> all = EnumSet.allOf(Namespace.class);
        if (chosen.privilege() == Privilege.SUDO) {
            all.remove(Namespace.USER); // not offered through sudo: see HostProbe.choose
        }
        StringBuilder script = new StringBuilder();
        for (Namespace namespace : all) {
            script.append("readlink /proc/self/ns/").append(namespace.procName()).append("; ");
        }
        script.append("echo $$; ls -A /tmp | wc -l");
        Run run = chosen.run(new NamespaceRequest(all, true), sh(script.toString()));

        List<String> lines = lines(run);
        int i = 0;
        for (Namespace namespace : all) {
            assertThat(lines.get(i++)).as(namespace + ": " + run).isNotEqualTo(hostNamespace(namespace.procName()));
        }
        // PID 1 is the stage's shell, PID 2 was its mount of /tmp, so the command is PID 3; where the shell
        // first brings up lo (`ip`, PID 2: under sudo, or wherever iproute2 is installed), it is PID 4.
        boolean ipStep = chosen.privilege() == Privilege.SUDO
                || NamespaceStage.loopbackUpCommand().startsWith("/");
        String commandPid = ipStep ? "4" : "3";
        assertThat(lines.subList(i, lines.size())).containsExactly(commandPid, "0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    void userNamespaceMakesTheCommandRootInsideAndTheInvokingUserOutside(Supplier<Executor> executor)
            throws IOException {
        Executor chosen = executor.get();
        if (chosen.privilege() == Privilege.SUDO) {
            // Through sudo, a user namespace is refused with a message instead (HostProbeTest shows it); here
            // the check is that the child runs as the invoking user, not as root.
            Run run = chosen.run(NamespaceRequest.of(Namespace.NETWORK), sh("id -u; id -g; pwd"));
            assertThat(lines(run)).as(run::toString)
                    .containsExactly(String.valueOf(chosen.outsideUid), String.valueOf(gidOf(run)), "/");
            return;
        }
        Run run = chosen.run(NamespaceRequest.of(Namespace.USER),
                sh("id -u; readlink /proc/self/ns/user; cat /proc/self/uid_map"));

        List<String> lines = lines(run);
        assertThat(lines.get(0)).as(run::toString).isEqualTo("0");
        assertThat(lines.get(1)).isNotEqualTo(hostNamespace("user"));
        assertThat(lines.get(2).trim().split("\\s+")).containsExactly("0", String.valueOf(chosen.outsideUid), "1");
    }

    private static long gidOf(Run run) {
        return Long.parseLong(lines(run).get(1));
    }

    static List<String> sh(String script) {
        return List.of("sh", "-c", script);
    }

    static List<String> lines(Run run) {
        assertThat(run.status()).as(run::toString).isZero();
        return Arrays.asList(run.stdout().strip().split("\n"));
    }

    static String hostNamespace(String name) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns", name)).toString();
    }

    private static String hostname() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }
}
