package io.github.nsunit.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoopbackUp on the real kernel, in child JVMs started inside fresh network namespaces. */
class LoopbackUpTest {

    @Test
    void bringsUpLoopbackInAFreshNetworkNamespace() {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of("unshare", "--net"), "loopback");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("before")).as("lo is DOWN in a new network namespace").startsWith("failed:");
        assertThat(result.value("after")).isEqualTo("accepted");
    }

    @Test
    void bringsUpLoopbackAsAnUnprivilegedUserInItsOwnUserNamespace(@TempDir Path classPathCopy) throws Exception {
        List<String> wrapper = new ArrayList<>(ChildJvm.NOBODY);
        wrapper.addAll(List.of("unshare", "--user", "--map-root-user", "--net"));

        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy).run(wrapper, "loopback");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("before")).startsWith("failed:");
        assertThat(result.value("after")).isEqualTo("accepted");
    }

    @Test
    void failsWithARemedyForAnUnprivilegedUserInTheHostNetworkNamespace(@TempDir Path classPathCopy) throws Exception {
        ChildJvm.Result result = ChildJvm.withClassPathCopiedTo(classPathCopy).run(ChildJvm.NOBODY, "loopback");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.value("error"))
                .startsWith("ioctl(SIOCSIFFLAGS, lo, IFF_UP) failed: EPERM (Operation not permitted) - ")
                .contains("CAP_NET_ADMIN", "unshare --net", "--user --map-root-user");
    }
}
