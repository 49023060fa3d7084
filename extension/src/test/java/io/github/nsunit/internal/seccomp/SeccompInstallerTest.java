package io.github.nsunit.internal.seccomp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nsunit.internal.linux.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SeccompInstaller on the real kernel, in child JVMs: a filter cannot be removed from the process it is in. */
class SeccompInstallerTest {

    private static final String DENIED = ": Operation not permitted";

    @Test
    void deniesOnEveryThreadAndInSubprocessesAndAllowsTheRest(@TempDir Path dir) throws Exception {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of(), "seccomp", dir.toString(), "mkdir", "mkdirat");

        assertDeniedEverywhere(result, dir);
    }

    @Test
    void worksForAnUnprivilegedUserWithoutAnyNamespace(@TempDir Path classPathCopy, @TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy)
                .run(ChildJvm.NOBODY, "seccomp", dir.toString(), "mkdir", "mkdirat");

        assertDeniedEverywhere(result, dir);
    }

    @Test
    void reportsAnUnknownSyscallNameBeforeTouchingTheProcess(@TempDir Path dir) {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of(), "seccomp", dir.toString(), "mkdir", "mkdri");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.value("error")).startsWith("Unknown syscall \"mkdri\" on x86_64; did you mean \"mkdir\"?");
    }

    private static void assertDeniedEverywhere(ChildJvm.Result result, Path dir) throws Exception {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("main-thread")).as(result.toString()).endsWith("from-main-thread" + DENIED);
        assertThat(result.value("old-thread")).as("a thread started before the filter").endsWith("from-old-thread" + DENIED);
        assertThat(result.value("subprocess")).as("a process started after the filter")
                .startsWith("exit 1: mkdir: ").contains("from-subprocess").endsWith(DENIED);
        assertThat(result.value("allowed")).isEqualTo("still works");
        List<String> tasks = result.values("task");
        assertThat(tasks).as("every JVM thread").hasSizeGreaterThan(5).allMatch(task -> task.endsWith("Seccomp: 2"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("allowed-file");
        }
    }
}
