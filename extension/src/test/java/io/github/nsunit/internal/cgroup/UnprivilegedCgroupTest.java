package io.github.nsunit.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Without root, sudo or a delegated subtree, creating a cgroup fails with a message that says what to do. */
class UnprivilegedCgroupTest {

    @BeforeEach
    void needsRootToSwitchUser() {
        RealCgroups.assumeRoot();
    }

    @Test
    void nobodyGetsTheControllerThePathTheErrnoAndTheRemedies() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target/test-classes").toAbsolutePath() + ":" + Path.of("target/classes").toAbsolutePath();
        Process probe = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-XX:-UsePerfData", "-cp", classpath, CgroupProbeMain.class.getName())).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).startsWith("UNAVAILABLE Could not create the cgroup /sys/fs/cgroup/")
                .contains("/nsunit-")
                .contains("permission denied (EACCES/EPERM)")
                .contains("run the tests as root", "passwordless sudo", "-Dnsunit.cgroup.base=nsunit", "delegated subtree");
    }
}
