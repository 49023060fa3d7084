package io.github.nsunit.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostname on the real kernel, in child JVMs started inside fresh UTS namespaces, and its validation. */
class HostnameTest {

    private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");

    @Test
    void setsTheHostnameOfAFreshUtsNamespaceOnly() throws Exception {
        String hostBefore = Files.readString(KERNEL_HOSTNAME).trim();

        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of("unshare", "--uts"), "hostname", "nsunit-box");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("proc")).isEqualTo("nsunit-box");
        // The JVM sees the new name, but getLocalHost() also resolves it, and neither /etc/hosts nor DNS (no
        // network in a fresh namespace) knows it: tests that call getLocalHost() need an /etc/hosts entry.
        // (JDK 25 words the message differently: "UnknownHostException: jdk.internal...NonSocketInfo@..nsunit-box: ...")
        assertThat(result.value("java")).startsWith("UnknownHostException: ").contains("nsunit-box:");
        assertThat(Files.readString(KERNEL_HOSTNAME).trim()).as("the host's name").isEqualTo(hostBefore).isNotEqualTo("nsunit-box");
    }

    @Test
    void setsTheHostnameAsAnUnprivilegedUserInItsOwnUserNamespace(@TempDir Path classPathCopy) throws Exception {
        List<String> wrapper = new ArrayList<>(ChildJvm.NOBODY);
        wrapper.addAll(List.of("unshare", "--user", "--map-root-user", "--uts"));

        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy).run(wrapper, "hostname", "nsunit-nobody");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("proc")).isEqualTo("nsunit-nobody");
    }

    @Test
    void failsWithARemedyForAnUnprivilegedUserInTheHostUtsNamespace(@TempDir Path classPathCopy) throws Exception {
        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy).run(ChildJvm.NOBODY, "hostname", "nsunit-box");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.value("error"))
                .startsWith("sethostname(\"nsunit-box\") failed: EPERM (Operation not permitted) - ")
                .contains("unshare --uts");
    }

    @Test
    void rejectsNamesTheKernelOrResolversWouldNotTakeBeforeCallingTheKernel() {
        assertThatIllegalArgumentException().isThrownBy(() -> Hostname.set("a".repeat(65)))
                .withMessageContaining("65 characters; Linux allows at most 64");
        assertThatIllegalArgumentException().isThrownBy(() -> Hostname.set("under_score"))
                .withMessageContaining("\"under_score\" is not valid");
        assertThatIllegalArgumentException().isThrownBy(() -> Hostname.set("-leading"));
        assertThatIllegalArgumentException().isThrownBy(() -> Hostname.set("two..dots"));
        assertThatIllegalArgumentException().isThrownBy(() -> Hostname.set(""))
                .withMessage("Host name must not be empty");
    }

    @Test
    void acceptsNamesUpToSixtyFourCharacters() {
        assertThatNoException().isThrownBy(() -> Hostname.validate("a".repeat(64)));
        assertThatNoException().isThrownBy(() -> Hostname.validate("nsunit-box.example"));
    }
}
