package io.github.nsunit.internal.linux;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessIdentityTest {
    /** A fake status text: the real file of this JVM is read in HostProbeTest (root: CAP_SYS_ADMIN). */
    @Test
    void processIdentityReadsEffectiveIdsAndCapSysAdminFromAFakeStatus() {
        String fake = "Name:\tjava\nUid:\t1000\t1001\t1001\t1001\nGid:\t50\t51\t51\t51\nGroups:\t4 24 \n"
                + "CapEff:\t0000000000200000\n";
        assertThat(ProcessIdentity.parse(fake)).isEqualTo(new ProcessIdentity(1001, 51, List.of(4L, 24L), true));
        assertThat(ProcessIdentity.parse(fake.replace("0000000000200000", "00000000001fffff")).hasSysAdmin()).isFalse();
        assertThat(ProcessIdentity.current().hasSysAdmin()).isTrue();
    }
}
