package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 without root: the whole engine run by {@code nsunit-sudo} (passwordless sudo, from .ci/setup-users).
 * nsunit makes each run directory with {@code sudo -n}, hands it to the user, who makes the leaves and sets the
 * limits, and removes it at the end; on cgroup v2 each child joins its leaf through sudo. Runs on this host's
 * cgroup v1 and, in the v2 VM, on pure cgroup v2 ({@code extension/src/test/v2vm/run-engine-v2-tests}).
 */
class SudoCgroupTests {
    private static final long MIB = 1024 * 1024;
    private static long uid;
    private static UserRun run;

    /** What a killed earlier run of this user left: a handed-over run directory with a leaf in it. */
    private static Path staleRun;

    @BeforeAll
    static void runAsTheSudoUser() throws Exception {
        uid = UserRun.uidOf("nsunit-sudo");
        // a pid above any pid_max, in this PID namespace: its owner is provably gone
        staleRun = memoryHierarchy().resolve("nsunit-999999999-1-" + pidNamespace() + "-5ca1ab1e");
        Files.createDirectory(staleRun);
        Files.createDirectory(staleRun.resolve("Killed.test-1"));
        Host.run("chown", "-R", uid + ":" + UserRun.gidOf(uid), staleRun.toString());
        run = UserRun.as(uid, List.of(), "sudo|" + LimitsTestCase.class.getName());
    }

    /** The inode of this JVM's PID namespace, as {@code /proc/self/ns/pid} names it: "pid:[4026531836]". */
    private static String pidNamespace() throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
    }

    private static Path memoryHierarchy() {
        Path v1 = Path.of("/sys/fs/cgroup/memory");
        return Files.isDirectory(v1) ? v1 : Path.of("/sys/fs/cgroup");
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        if (run != null) {
            run.close();
        }
        if (staleRun != null) {
            Files.deleteIfExists(staleRun.resolve("Killed.test-1"));
            Files.deleteIfExists(staleRun);
        }
    }

    /** The user removes the dead run's leaf; sudo removes its run directory, which sits in root's directory. */
    @Test
    void aDeadRunsHandedOverDirectoryIsRemovedByTheNextRun() {
        run.assertPassed("sudo/sized");
        assertThat(staleRun).doesNotExist();
    }

    @Test
    void theChildIsBornInALimitedCgroupTheUserOwns() {
        run.assertPassed("sudo/sized");
        Map<String, String> test = run.entries("sudo/sized");
        assertThat(test.get("memory cgroup")).contains("/nsunit-");
        assertThat(Long.parseLong(test.get("run directory owner"))).isEqualTo(uid);
        assertThat(Long.parseLong(test.get("max heap"))).isBetween(48 * MIB, 64 * MIB); // half of 128M
        assertThat(test).containsEntry("nsunit.memory.limit", "128 MiB");
    }

    @Test
    void aKernelOomKillIsToldApartUnderSudoToo() {
        String[] result = run.result("sudo/killedByKernel");
        assertThat(result[3]).isEqualTo("FAILED");
        assertThat(result[4]).isEqualTo(ChildJvmException.class.getName());
        assertThat(result[5]).contains("was killed by the kernel OOM killer: its cgroup reached @MemoryLimit(64M)");
    }

    /** A test that asked for no limit must not make nsunit call sudo: it gets no tracking cgroup. */
    @Test
    void aTestWithoutLimitsIsNotPutInACgroupThroughSudo() {
        run.assertPassed("sudo/plain");
        assertThat(run.entries("sudo/plain").get("memory cgroup")).doesNotContain("nsunit-");
    }

    @Test
    void theRunDirectoriesAreRemovedWhenTheRunEnds() throws IOException {
        assertThat(run.output()).doesNotContain("could not remove");
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path dir : Stream.concat(Stream.of(Path.of("/sys/fs/cgroup")), hierarchies).toList()) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> children = Files.list(dir)) {
                    assertThat(children.filter(p -> p.getFileName().toString().startsWith("nsunit-"))
                            .filter(p -> owner(p) == uid)).as("run directories of uid " + uid).isEmpty();
                }
            }
        }
    }

    private static long owner(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:uid")).longValue();
        } catch (IOException e) {
            return -1; // removed while we looked
        }
    }

    // ---- fixtures, run by nsunit-sudo's parent JVM ----

    static class LimitsTestCase {
        @Test
        @MemoryLimit("128M")
        void sized(TestReporter reporter) throws IOException {
            Path memory = memoryCgroup();
            reporter.publishEntry(Map.of("memory cgroup", memory.toString(),
                    "run directory owner", Files.getAttribute(memory.getParent(), "unix:uid").toString(),
                    "max heap", String.valueOf(Runtime.getRuntime().maxMemory())));
        }

        @Test
        @MemoryLimit("64M")
        @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
        void killedByKernel() {
            OutOfMemoryVerdictTests.leakOffHeap();
        }

        @Test
        @Forked
        void plain(TestReporter reporter) throws IOException {
            reporter.publishEntry("memory cgroup", memoryCgroup().toString());
        }

        /** The v1 memory hierarchy's directory where there is one, else the v2 one. */
        private static Path memoryCgroup() throws IOException {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
            for (String line : lines) {
                String[] parts = line.split(":", 3);
                if (List.of(parts[1].split(",")).contains("memory")) {
                    return Path.of("/sys/fs/cgroup/memory" + parts[2]);
                }
            }
            String unified = lines.stream().filter(l -> l.startsWith("0::")).findFirst().orElseThrow().substring(3);
            return Path.of("/sys/fs/cgroup" + unified);
        }
    }
}
