package io.github.nsunit.internal.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The generated syscall tables and the name lookup. */
class SyscallTableTest {

    @Test
    void knowsNumbersThatAreAbiOnBothArchitectures() {
        SyscallTable x86 = SyscallTable.of(Architecture.X86_64);
        SyscallTable arm = SyscallTable.of(Architecture.AARCH64);

        assertThat(x86.number("read")).isZero();
        assertThat(x86.number("mkdir")).isEqualTo(83);
        assertThat(x86.number("seccomp")).isEqualTo(Architecture.X86_64.seccompSyscall()).isEqualTo(317);
        assertThat(x86.number("clone3")).isEqualTo(435);
        assertThat(arm.number("seccomp")).isEqualTo(Architecture.AARCH64.seccompSyscall()).isEqualTo(277);
        assertThat(arm.number("mkdirat")).isEqualTo(34);
        assertThat(arm.number("getpid")).isEqualTo(172);
        assertThat(arm.name(222)).contains("mmap");
    }

    @Test
    void isCompleteAndHasOneNamePerNumber() {
        SyscallTable x86 = SyscallTable.of(Architecture.X86_64);
        SyscallTable arm = SyscallTable.of(Architecture.AARCH64);

        // x86_64: 0..334 and 424..450; aarch64: the generic table 0..294 without the arch-specific 244..259, and 424..450.
        assertThat(x86.asMap()).hasSize(335 + 27);
        assertThat(arm.asMap()).hasSize(295 - 16 + 27);
        assertThat(new HashSet<>(x86.asMap().values())).hasSize(x86.asMap().size());
        assertThat(new HashSet<>(arm.asMap().values())).hasSize(arm.asMap().size());
        assertThat(arm.asMap()).doesNotContainKeys("mkdir", "open", "fork", "arch_specific_syscall");
    }

    @Test
    void namesTheUnknownSyscallAndTheClosestKnownOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> SyscallTable.of(Architecture.AARCH64).number("mkdir"))
                .withMessageStartingWith("Unknown syscall \"mkdir\" on aarch64; did you mean \"mkdirat\"?");
        assertThatIllegalArgumentException().isThrownBy(() -> SyscallTable.of(Architecture.X86_64).number("unshar"))
                .withMessageContaining("did you mean \"unshare\"?");
        assertThatIllegalArgumentException().isThrownBy(() -> SyscallTable.of(Architecture.X86_64).number("frobnicate"))
                .withMessageStartingWith("Unknown syscall \"frobnicate\" on x86_64 (names as in");
    }

    @Test
    void mapsJavaArchNamesAndRefusesOthersClearly() {
        assertThat(Architecture.fromOsArch("amd64")).isEqualTo(Architecture.X86_64);
        assertThat(Architecture.fromOsArch("x86_64")).isEqualTo(Architecture.X86_64);
        assertThat(Architecture.fromOsArch("aarch64")).isEqualTo(Architecture.AARCH64);
        assertThatThrownBy(() -> Architecture.fromOsArch("ppc64le")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("support x86_64 and aarch64").hasMessageContaining("os.arch=ppc64le");
    }
}
