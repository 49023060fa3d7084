package io.github.nsunit.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mounts on the real kernel, in child JVMs started inside fresh mount namespaces. */
class MountsTest {

    @Test
    void tmpfsInAPrivateMountNamespaceIsInvisibleOnTheHost(@TempDir Path dir) throws Exception {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of("unshare", "--mount"), "tmpfs", dir.toString(), "--private");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("inside")).isEqualTo("nsunit-inside");
        assertThat(result.value("mount")).contains(" " + dir + " ", " - tmpfs nsunit-tmpfs ", "nosuid", "nodev");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("the host's view of " + dir).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(dir.toString());
    }

    @Test
    void failsWithARemedyForAnUnprivilegedUserInTheHostMountNamespace(@TempDir Path classPathCopy, @TempDir Path dir)
            throws Exception {
        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy).run(ChildJvm.NOBODY, "tmpfs", dir.toString(), "--private");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.value("error"))
                .startsWith("mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE) failed: EPERM (Operation not permitted) - ")
                .contains("unshare --mount");
    }

    /**
     * The host root here is private already, so an outer namespace with a shared root stands in for a host
     * whose root is shared (systemd makes it so); the inner child keeps that propagation (--propagation
     * unchanged) and only makePrivate stops its tmpfs from showing up outside.
     */
    @Test
    void makePrivateStopsPropagationToAnOuterNamespaceWithASharedRoot(@TempDir Path dir) {
        assertThat(outerMountCount(dir, "--private")).isEqualTo("0");
        assertThat(outerMountCount(dir, "--no-private")).as("control: without makePrivate the mount propagates").isEqualTo("1");
    }

    private static String outerMountCount(Path dir, String privacy) {
        List<String> probe = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "unchanged"));
        probe.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        probe.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                LinuxStepsProbe.class.getName(), "tmpfs", dir.toString(), privacy));
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c",
                "mount --make-rshared / && \"$@\" >&2 && echo \"outer=$(grep -c \" $0 \" /proc/self/mountinfo)\"", dir.toString()));
        command.addAll(probe);

        ChildJvm.Result result = ChildJvm.exec(command);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.values("inside")).as(result.toString()).containsExactly("nsunit-inside");
        return result.value("outer");
    }
}
