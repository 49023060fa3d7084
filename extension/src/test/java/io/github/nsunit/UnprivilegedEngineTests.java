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
 * Issue 3 for most users: the whole engine run by an unprivileged user (uid 65534, no capabilities, no sudo),
 * in a parent JVM of its own started through {@code setpriv}. Namespaces then come from an unprivileged user
 * namespace; cgroup limits need root, sudo or a delegated subtree, none of which nobody has, and fail, or skip,
 * saying so.
 */
class UnprivilegedEngineTests {
    private static final int NOBODY = 65534;
    private static UserRun run;

    @BeforeAll
    static void runAsNobody() throws Exception {
        run = UserRun.as(NOBODY, List.of(),
                "namespaces|" + NamespacesTestCase.class.getName(),
                "memory|" + MemoryTestCase.class.getName(),
                "memory-skip|" + MemoryTestCase.class.getName() + "|" + NsunitProperties.UNAVAILABLE + "=skip");
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        run.close();
    }

    @Test
    void pidAndNetworkNamespacesWorkUnprivileged() {
        run.assertPassed("namespaces/pidAndNetwork");
        Map<String, String> test = run.entries("namespaces/pidAndNetwork");
        assertThat(Long.parseLong(test.get("processes"))).isLessThanOrEqualTo(5);
        assertThat(test.get("echo")).isEqualTo("ping");
        // root inside an unprivileged user namespace, mapped to nobody outside: the parent JVM really was nobody
        assertThat(test.get("uid_map").strip().split("\\s+")).containsExactly("0", String.valueOf(NOBODY), "1");
    }

    @Test
    void aHostnameWorksUnprivileged() {
        run.assertPassed("namespaces/hostname");
        assertThat(run.entries("namespaces/hostname").get("local host")).isEqualTo("nsunit-nopriv");
    }

    @Test
    void aPrivateTmpWorksUnprivileged() {
        run.assertPassed("namespaces/mount");
        assertThat(run.entries("namespaces/mount").get("tmp")).isEqualTo("[]");
    }

    @Test
    void filesTheRootOfAUserNamespaceCreatesBelongToTheInvokingUser() throws IOException {
        run.assertPassed("namespaces/user");
        assertThat(run.entries("namespaces/user").get("uid")).isEqualTo("0\t0\t0\t0");
        assertThat(Files.getAttribute(run.work().resolve("written-as-root-inside"), "unix:uid")).isEqualTo(NOBODY);
    }

    /** nobody has neither root, nor sudo, nor a delegated subtree: every way is named. */
    @Test
    void aMemoryLimitFailsUnprivilegedSayingWhatWouldGiveACgroup() {
        String[] result = run.result("memory/limited");
        assertThat(result[3]).isEqualTo("FAILED");
        assertThat(result[4]).isEqualTo(IsolationUnavailableException.class.getName());
        assertThat(result[5]).startsWith("UnprivilegedEngineTests.MemoryTestCase.limited(): Could not create the cgroup")
                .contains("permission denied (EACCES/EPERM)").contains("run the tests as root")
                .contains("passwordless sudo").contains("delegated subtree").contains(NsunitProperties.CGROUP_BASE);
    }

    @Test
    void aMemoryLimitIsSkippedUnprivilegedWhenAskedWithTheSameMessage() {
        String[] result = run.result("memory-skip/limited");
        assertThat(result[3]).isEqualTo("ABORTED");
        assertThat(result[4]).isEqualTo("org.opentest4j.TestAbortedException");
        assertThat(result[5]).isEqualTo(run.result("memory/limited")[5]);
    }

    // ---- fixtures, run by nobody's parent JVM ----

    static class NamespacesTestCase {
        @Test
        @IsolatedPid
        @IsolatedNetwork
        void pidAndNetwork(TestReporter reporter) throws Exception {
            reporter.publishEntry(Map.of("processes", String.valueOf(ProcessHandle.allProcesses().count()),
                    "echo", NamespaceIsolationTests.echoOverLoopback(),
                    "uid_map", Host.read(Path.of("/proc/self/uid_map"))));
        }

        @Test
        @IsolatedHostname("nsunit-nopriv")
        void hostname(TestReporter reporter) throws IOException {
            reporter.publishEntry("local host", InetAddress.getLocalHost().getHostName());
        }

        @Test
        @IsolatedMount
        void mount(TestReporter reporter) throws IOException {
            reporter.publishEntry("tmp", NamespaceIsolationTests.tmpEntries().toString());
        }

        @Test
        @IsolatedUser
        void user(TestReporter reporter) throws IOException {
            Files.writeString(Path.of(System.getProperty("user.dir"), "written-as-root-inside"), "x");
            reporter.publishEntry("uid", NamespaceIsolationTests.statusLine("Uid"));
        }
    }

    static class MemoryTestCase {
        @Test
        @MemoryLimit("64M")
        void limited() {
        }
    }
}
