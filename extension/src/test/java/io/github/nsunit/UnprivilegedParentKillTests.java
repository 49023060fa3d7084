package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's promise that children die with a SIGKILLed parent, under the strategies of a user who is not
 * root, as the accounts of .ci/setup-users: unprivileged user namespaces ({@code nsunit-nopriv}) and sudo
 * ({@code nsunit-sudo}). sudo is setuid and clears the parent-death signal: without the orphan watch the chain
 * sudo -> unshare -> java kept running after its parent JVM was gone. ({@code ParentKillTests} shows root.)
 */
class UnprivilegedParentKillTests {

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource({"nsunit-sudo, sudo", "nsunit-nopriv, user-namespace"})
    void theChainDiesWithItsKilledParent(String account, String strategy) throws Exception {
        long uid = UserRun.uidOf(account);
        String marker = "nsunit-test-sudo-orphan-" + UUID.randomUUID();
        Path copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nsunit-test-user-");
        Process parent = null;
        try {
            String classPath = Host.copyClassPath(copy);
            Path work = Files.createDirectory(copy.resolve("work"));
            Files.setAttribute(work, "unix:uid", (int) uid);
            parent = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + UserRun.gidOf(uid), "--init-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                    "-D" + Processes.MARKER_PROPERTY + "=" + marker, "-cp", classPath, LauncherMain.class.getName(),
                    "kill|" + RunningTestCase.class.getName() + "|" + NsunitProperties.NAMESPACE_STRATEGY + "=" + strategy)
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(copy.resolve("parent.log").toFile()).start();
            awaitSubprocess(parent, marker + "-running", copy.resolve("parent.log"));
            List<String> chain = commandLinesContaining(marker);
            assertThat(chain).as("the child JVM, its chain and its subprocess")
                    .anyMatch(line -> line.contains(strategy.equals("sudo") ? " sudo -n " : " unshare "))
                    .anyMatch(line -> line.contains("/bin/java "));

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(parent.waitFor()).isEqualTo(137);

            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            List<String> left = commandLinesContaining(marker);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                left = commandLinesContaining(marker);
            }
            assertThat(left).as("processes of the killed run two seconds later (of %s)", chain).isEmpty();
        } finally {
            if (parent != null) {
                parent.destroyForcibly().waitFor();
            }
            for (String process : commandLinesContaining(marker)) {
                ProcessHandle.of(Long.parseLong(process.substring(0, process.indexOf(' '))))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
            Host.deleteTree(copy);
        }
    }

    private static void awaitSubprocess(Process parent, String name, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Processes.matching(name).isEmpty()) {
            if (!parent.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child never started its subprocess:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    /** Every live process whose command line holds {@code text}, as "pid command line". */
    private static List<String> commandLinesContaining(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String line = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String state = Files.readString(proc.resolve("stat"));
                    boolean zombie = state.substring(state.lastIndexOf(')') + 2).startsWith("Z");
                    if (line.contains(text) && !zombie) {
                        found.add(proc.getFileName() + " " + line.substring(0, Math.min(line.length(), 160)));
                    }
                } catch (IOException gone) {
                    // ended while listed
                }
            }
        }
        return found;
    }

    static class RunningTestCase {
        @Test
        @IsolatedPid
        void running() throws Exception {
            ParentKillTests.startSleepAndReport("running");
        }
    }
}
