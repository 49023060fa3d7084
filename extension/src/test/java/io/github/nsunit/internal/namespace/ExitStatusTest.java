package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.nsunit.internal.namespace.NamespaceIsolationTest.sh;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parent must see the child's exit status and a death by signal as if no stage were in between, and killing
 * the outermost process of the stage must kill the command inside.
 */
class ExitStatusTest {

    static Stream<Arguments> stages() {
        ProcessIdentity root = ProcessIdentity.current();
        return Stream.of(Privilege.DIRECT, Privilege.USER_NAMESPACE).flatMap(privilege -> Stream.of(
                Arguments.of(privilege, NamespaceRequest.of(Namespace.PID)),
                Arguments.of(privilege, NamespaceRequest.of(Namespace.NETWORK)),
                Arguments.of(privilege, new NamespaceRequest(Set.of(Namespace.PID, Namespace.NETWORK), true)),
                Arguments.of(privilege, NamespaceRequest.of(Namespace.USER)))
                .map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[1], root)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stages")
    void exitStatusPassesThrough(Privilege privilege, NamespaceRequest request, ProcessIdentity user) {
        Run run = Run.of(stage(request, privilege, user).wrap(sh("exit 3")));
        assertThat(run.status()).as(run::toString).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stages")
    void deathBySigkillIsSeenAs137(Privilege privilege, NamespaceRequest request, ProcessIdentity user) {
        Run run = Run.of(stage(request, privilege, user).wrap(sh("kill -9 $$")));
        assertThat(run.status()).as(run::toString).isEqualTo(137);
        assertThat(run.stderr()).as("unshare must not report the death itself").doesNotContain("unshare");
    }

    @Test
    void sudoPassesExitStatusAndSigkillThrough() {
        ProcessIdentity user = TestUsers.require(TestUsers.SUDO_USER);
        NamespaceRequest request = new NamespaceRequest(Set.of(Namespace.PID, Namespace.NETWORK), true);
        assertThat(Run.of(stage(request, Privilege.SUDO, user).wrap(sh("exit 3"))).status()).isEqualTo(3);
        assertThat(Run.of(stage(request, Privilege.SUDO, user).wrap(sh("kill -9 $$"))).status()).isEqualTo(137);
        Run noPid = Run.of(stage(NamespaceRequest.of(Namespace.NETWORK), Privilege.SUDO, user).wrap(sh("kill -9 $$")));
        assertThat(noPid.status()).as(noPid::toString).isEqualTo(137);
    }

    /** Without the stage's waiting shell as PID 1, util-linux 2.38 turns the SIGKILL into exit 1: why it exists. */
    @Test
    void unshareAloneMisreportsSigkillOnThisMachine() {
        Run run = Run.of(List.of("unshare", "--fork", "--kill-child", "--pid", "--mount-proc", "--",
                "sh", "-c", "trap '' TERM; kill -9 $$; sleep 0.2"));
        // kill -9 of PID 1 from inside its own namespace is ignored by the kernel; the sleep then ends with 0.
        assertThat(run.status()).as(run::toString).isEqualTo(0);
        Run killedFromOutside = Run.of(List.of("sh", "-c",
                "unshare --fork --kill-child --pid --mount-proc -- sleep 30 & sleep 0.3;"
                        + " kill -9 $(pgrep -P $!); wait $!"));
        assertThat(killedFromOutside.status()).as(killedFromOutside::toString).isIn(1, 137);
        if (killedFromOutside.status() == 1) {
            assertThat(killedFromOutside.stderr()).contains("sigprocmask unblock failed");
        }
    }

    static Stream<Arguments> killable() {
        ProcessIdentity root = ProcessIdentity.current();
        NamespaceRequest request = new NamespaceRequest(Set.of(Namespace.PID, Namespace.NETWORK), true);
        return Stream.of(
                Arguments.of(Privilege.DIRECT, request, Optional.of(root)),
                Arguments.of(Privilege.USER_NAMESPACE, request, Optional.of(root)),
                Arguments.of(Privilege.SUDO, request, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("killable")
    void killingTheOutermostProcessKillsTheCommandInside(Privilege privilege, NamespaceRequest request,
            Optional<ProcessIdentity> given) throws Exception {
        ProcessIdentity user = given.orElseGet(() -> TestUsers.require(TestUsers.SUDO_USER));
        Process process = new ProcessBuilder(stage(request, privilege, user).wrap(List.of("sleep", "300")))
                .redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            ProcessHandle sleeper = awaitDescendant(process.toHandle(), "sleep");
            process.destroyForcibly(); // SIGKILL to unshare (or sudo): nothing there can forward it

            assertThat(sleeper.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(process.waitFor()).isEqualTo(137);
        } finally {
            Run.killTree(process.toHandle());
        }
    }

    private static ProcessHandle awaitDescendant(ProcessHandle root, String command) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = root.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/" + command)).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + command + " below " + root.pid() + " after 10 s");
    }

    private static NamespaceStage stage(NamespaceRequest request, Privilege privilege, ProcessIdentity user) {
        return new NamespaceStage(request, privilege, user, Map.of("PATH", System.getenv("PATH")));
    }

}
