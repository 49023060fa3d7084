package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 without root and without sudo, on pure cgroup v2: the engine run by {@code nsunit-nopriv} from inside
 * a subtree delegated to it the way systemd delegates {@code user@UID.service} (the directory and its
 * {@code cgroup.procs}, {@code cgroup.subtree_control} and {@code cgroup.threads} chowned to the user, the
 * processes in a leaf below). nsunit puts its run directory at the top of that subtree and needs no privilege
 * at all. Runs in the v2 VM ({@code extension/src/test/v2vm/run-engine-v2-tests}); skipped elsewhere.
 */
class DelegatedCgroupV2Tests {
    private static final long MIB = 1024 * 1024;
    private static final Path DELEGATED = Path.of("/sys/fs/cgroup/nsunit-test-delegated");
    private static long uid;
    private static UserRun run;

    @BeforeAll
    static void runInsideADelegatedSubtree() throws Exception {
        Host.assumeCgroupV2Memory();
        uid = UserRun.uidOf("nsunit-nopriv");
        Path session = DELEGATED.resolve("session");
        Files.createDirectory(DELEGATED);
        Files.createDirectory(session);
        for (Path dir : List.of(DELEGATED, session)) {
            for (String file : List.of("", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads")) {
                Files.setAttribute(dir.resolve(file), "unix:uid", (int) uid);
            }
        }
        // Like a login shell in user@UID.service: root moves the shell into the leaf, which then becomes the user.
        run = UserRun.as(uid, List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
                session.resolve("cgroup.procs").toString()), "delegated|" + SudoCgroupTests.LimitsTestCase.class.getName());
    }

    @AfterAll
    static void removeTheSubtree() throws IOException {
        if (run != null) {
            run.close();
        }
        Files.deleteIfExists(DELEGATED.resolve("session"));
        Files.deleteIfExists(DELEGATED);
    }

    @Test
    void theRunDirectoryGoesToTheTopOfTheDelegatedSubtree() {
        run.assertPassed("delegated/sized");
        Map<String, String> test = run.entries("delegated/sized");
        assertThat(test.get("memory cgroup")).startsWith(DELEGATED + "/nsunit-");
        assertThat(Long.parseLong(test.get("run directory owner"))).isEqualTo(uid);
        assertThat(Long.parseLong(test.get("max heap"))).isBetween(48 * MIB, 64 * MIB); // half of 128M
    }

    @Test
    void aKernelOomKillIsToldApart() {
        String[] result = run.result("delegated/killedByKernel");
        assertThat(result[3]).isEqualTo("FAILED");
        assertThat(result[5]).contains("was killed by the kernel OOM killer: its cgroup reached @MemoryLimit(64M)");
    }

    /** No sudo needed, so a child without limits gets its tracking cgroup, as under root. */
    @Test
    void aTestWithoutLimitsIsTrackedToo() {
        run.assertPassed("delegated/plain");
        assertThat(run.entries("delegated/plain").get("memory cgroup")).startsWith(DELEGATED + "/nsunit-");
    }

    @Test
    void nothingIsLeftInTheSubtree() throws IOException {
        try (Stream<Path> children = Files.list(DELEGATED)) {
            assertThat(children.filter(p -> p.getFileName().toString().startsWith("nsunit-"))).isEmpty();
        }
    }
}
