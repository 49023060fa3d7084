package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 for most users: the whole engine run by an unprivileged user (uid 65534, no capabilities, no sudo),
 * in a parent JVM of its own started through {@code setpriv}. Namespaces then come from an unprivileged user
 * namespace; cgroup limits need root on this host and fail, or skip, saying so.
 */
class UnprivilegedEngineTests {
    private static final int NOBODY = 65534;
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups");

    private static Path copy;
    private static Path work;
    private static String output;
    private static final Map<String, String[]> results = new HashMap<>();
    private static final Map<String, Map<String, String>> entries = new HashMap<>();

    @BeforeAll
    static void runAsNobody() throws Exception {
        // not under /tmp: @IsolatedMount gives the child an empty /tmp, where it would find no classes
        copy = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nsunit-test-nopriv-");
        String classPath = Host.copyClassPath(copy);
        work = Files.createDirectory(copy.resolve("work"));
        Files.setAttribute(work, "unix:uid", NOBODY);
        Files.setAttribute(work, "unix:gid", NOBODY);
        List<String> command = new ArrayList<>(AS_NOBODY);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, LauncherMain.class.getName(),
                "namespaces|" + NamespacesTestCase.class.getName(),
                "memory|" + MemoryTestCase.class.getName(),
                "memory-skip|" + MemoryTestCase.class.getName() + "|" + NsunitProperties.UNAVAILABLE + "=skip"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("HOME", work.toString());
        Process parent = builder.start();
        try {
            output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parent.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
        System.out.println(output);
        for (String line : output.lines().toList()) {
            String[] parts = line.split("\\|", -1);
            if (parts[0].equals("RESULT")) {
                results.put(parts[1] + "/" + parts[2], parts);
            } else if (parts[0].equals("ENTRY")) {
                entries.computeIfAbsent(parts[1] + "/" + parts[2], k -> new HashMap<>()).put(parts[3], unescape(parts[4]));
            }
        }
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        Host.deleteTree(copy);
    }

    @Test
    void pidAndNetworkNamespacesWorkUnprivileged() {
        assertPassed("namespaces/pidAndNetwork");
        Map<String, String> test = entries.get("namespaces/pidAndNetwork");
        assertThat(Long.parseLong(test.get("processes"))).isLessThanOrEqualTo(5);
        assertThat(test.get("echo")).isEqualTo("ping");
        // root inside an unprivileged user namespace, mapped to nobody outside: the parent JVM really was nobody
        assertThat(test.get("uid_map").strip().split("\\s+")).containsExactly("0", String.valueOf(NOBODY), "1");
    }

    @Test
    void aHostnameWorksUnprivileged() {
        assertPassed("namespaces/hostname");
        assertThat(entries.get("namespaces/hostname").get("local host")).isEqualTo("nsunit-nopriv");
    }

    @Test
    void aPrivateTmpWorksUnprivileged() {
        assertPassed("namespaces/mount");
        assertThat(entries.get("namespaces/mount").get("tmp")).isEqualTo("[]");
    }

    @Test
    void filesTheRootOfAUserNamespaceCreatesBelongToTheInvokingUser() throws IOException {
        assertPassed("namespaces/user");
        assertThat(entries.get("namespaces/user").get("uid")).isEqualTo("0\t0\t0\t0");
        assertThat(Files.getAttribute(work.resolve("written-as-root-inside"), "unix:uid")).isEqualTo(NOBODY);
    }

    @Test
    void aMemoryLimitFailsUnprivilegedSayingCgroupsNeedRoot() {
        String[] result = results.get("memory/limited");
        assertThat(result).as(output).isNotNull();
        assertThat(result[3]).isEqualTo("FAILED");
        assertThat(result[4]).isEqualTo(IsolationUnavailableException.class.getName());
        assertThat(result[5]).startsWith("UnprivilegedEngineTests.MemoryTestCase.limited(): Could not create the cgroup")
                .contains("permission denied (EACCES/EPERM)").contains("Run the tests as root").contains(NsunitProperties.CGROUP_BASE);
    }

    @Test
    void aMemoryLimitIsSkippedUnprivilegedWhenAskedWithTheSameMessage() {
        String[] result = results.get("memory-skip/limited");
        assertThat(result).as(output).isNotNull();
        assertThat(result[3]).isEqualTo("ABORTED");
        assertThat(result[4]).isEqualTo("org.opentest4j.TestAbortedException");
        assertThat(result[5]).isEqualTo(results.get("memory/limited")[5]);
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\\\", "\\");
    }

    private static void assertPassed(String test) {
        String[] result = results.get(test);
        assertThat(result).as(output).isNotNull();
        assertThat(result[3]).as(String.join("|", result)).isEqualTo("SUCCESSFUL");
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
