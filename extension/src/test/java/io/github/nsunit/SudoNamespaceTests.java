package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's own first examples under the sudo strategy, run by {@code nsunit-sudo} (passwordless sudo, from
 * .ci/setup-users): binding port 80 inside {@code @IsolatedNetwork} and {@code @IsolatedHostname}. The child
 * runs as the user, not root, so the root step of the chain allows low ports in the new network namespace and
 * sets the hostname, with an {@code /etc/hosts} that names it.
 */
class SudoNamespaceTests {
    private static long uid;
    private static UserRun run;

    @BeforeAll
    static void runAsTheSudoUser() throws Exception {
        uid = UserRun.uidOf("nsunit-sudo");
        run = UserRun.as(uid, List.of(),
                "sudo|" + ReadmeExamplesTestCase.class.getName() + "|" + NsunitProperties.NAMESPACE_STRATEGY + "=sudo");
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void port80CanBeBoundInsideIsolatedNetworkByTheUser() {
        run.assertPassed("sudo/serverBindsPort80");
        Map<String, String> test = run.entries("sudo/serverBindsPort80");
        assertThat(test).containsEntry("echo", "ping").containsEntry("uid", Long.toString(uid));
    }

    @Test
    void theHostnameIsSetAndResolvesWhileTheChildRunsAsTheUser() {
        run.assertPassed("sudo/hasItsOwnHostname");
        Map<String, String> test = run.entries("sudo/hasItsOwnHostname");
        assertThat(test).containsEntry("hostname", "nsunit-sudo-box").containsEntry("local host", "nsunit-sudo-box")
                .containsEntry("uid", Long.toString(uid));
        assertThat(Host.run("hostname").strip()).as("the host's own hostname").isNotEqualTo("nsunit-sudo-box");
    }

    static class ReadmeExamplesTestCase {
        @Test
        @IsolatedPid
        @IsolatedNetwork
        void serverBindsPort80(TestReporter reporter) throws IOException {
            reporter.publishEntry(Map.of("echo", NamespaceIsolationTests.echoOverLoopback(), "uid", uid()));
        }

        @Test
        @IsolatedHostname("nsunit-sudo-box")
        void hasItsOwnHostname(TestReporter reporter) throws IOException {
            reporter.publishEntry(Map.of("hostname", Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(),
                    "local host", InetAddress.getLocalHost().getHostName(), "uid", uid()));
        }

        private static String uid() throws IOException {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        }
    }
}
