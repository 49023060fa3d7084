package io.github.nsunit.internal.seccomp;

import static io.github.nsunit.internal.seccomp.SeccompFilter.RET_ALLOW;
import static io.github.nsunit.internal.seccomp.SeccompFilter.RET_ERRNO;
import static io.github.nsunit.internal.seccomp.SeccompFilter.RET_KILL_PROCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The BPF program SeccompFilter builds, run through an interpreter for every number of both tables. */
class SeccompFilterTest {

    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final int AUDIT_ARCH_I386 = 0x40000003;

    @Test
    void deniesExactlyTheListedCallsOnX8664() {
        SeccompFilter filter = SeccompFilter.denying(Architecture.X86_64, List.of("mkdir", "mkdirat", "ptrace"), EPERM);
        SyscallTable table = SyscallTable.of(Architecture.X86_64);

        table.asMap().forEach((name, nr) -> assertThat(run(filter, Architecture.X86_64.auditArch(), nr)).as(name)
                .isEqualTo(List.of("mkdir", "mkdirat", "ptrace").contains(name) ? RET_ERRNO | EPERM : RET_ALLOW));
        assertThat(run(filter, Architecture.X86_64.auditArch(), 100_000)).as("unknown number").isEqualTo(RET_ALLOW);
    }

    @Test
    void deniesExactlyTheListedCallsOnAarch64WithTheConfiguredErrno() {
        SeccompFilter filter = SeccompFilter.denying(Architecture.AARCH64, List.of("mkdirat", "unshare"), EACCES);

        SyscallTable.of(Architecture.AARCH64).asMap().forEach((name, nr) ->
                assertThat(run(filter, Architecture.AARCH64.auditArch(), nr)).as(name)
                        .isEqualTo(name.equals("mkdirat") || name.equals("unshare") ? RET_ERRNO | EACCES : RET_ALLOW));
    }

    @Test
    void killsCallsMadeWithAnotherArchitecturesConvention() {
        SeccompFilter x86 = SeccompFilter.denying(Architecture.X86_64, List.of("mkdir"), EPERM);
        SeccompFilter arm = SeccompFilter.denying(Architecture.AARCH64, List.of("mkdirat"), EPERM);

        assertThat(run(x86, AUDIT_ARCH_I386, 39)).isEqualTo(RET_KILL_PROCESS);
        assertThat(run(x86, Architecture.AARCH64.auditArch(), 0)).isEqualTo(RET_KILL_PROCESS);
        assertThat(run(arm, Architecture.X86_64.auditArch(), 34)).isEqualTo(RET_KILL_PROCESS);
    }

    @Test
    void failsX32CallsOnX8664SoTheyCannotSlipPastTheList() {
        SeccompFilter filter = SeccompFilter.denying(Architecture.X86_64, List.of("mkdir"), EPERM);
        int x86 = Architecture.X86_64.auditArch();

        assertThat(run(filter, x86, 0x40000000 | 83)).as("x32 mkdir").isEqualTo(RET_ERRNO | SeccompFilter.ENOSYS);
        assertThat(run(filter, x86, 0x40000000)).isEqualTo(RET_ERRNO | SeccompFilter.ENOSYS);
        assertThat(run(filter, x86, -1)).as("nr -1 as unsigned is above the x32 bit").isEqualTo(RET_ERRNO | SeccompFilter.ENOSYS);
        assertThat(run(filter, x86, 0x3fffffff)).isEqualTo(RET_ALLOW);
        assertThat(SeccompFilter.denying(Architecture.AARCH64, List.of(), EPERM).instructionCount())
                .as("aarch64 has no x32 check").isEqualTo(5);
    }

    @Test
    void keepsEveryJumpInRangeForTheWholeTable() {
        List<String> everything = List.copyOf(SyscallTable.of(Architecture.X86_64).asMap().keySet());
        SeccompFilter filter = SeccompFilter.denying(Architecture.X86_64, everything, EPERM);

        assertThat(filter.instructionCount()).isEqualTo(4 + 2 + 2 * everything.size() + 1);
        SyscallTable.of(Architecture.X86_64).asMap().values()
                .forEach(nr -> assertThat(run(filter, Architecture.X86_64.auditArch(), nr)).isEqualTo(RET_ERRNO | EPERM));
    }

    @Test
    void encodesSockFilterAsEightNativeOrderBytes() {
        byte[] program = SeccompFilter.denying(Architecture.X86_64, List.of("mkdir"), EPERM).program();

        assertThat(program).hasSize(9 * 8);
        // ld [4] = code 0x0020, jt 0, jf 0, k 4, little-endian.
        assertThat(IntStream.range(0, 8).mapToObj(i -> program[i]).collect(Collectors.toList()))
                .containsExactly((byte) 0x20, (byte) 0, (byte) 0, (byte) 0, (byte) 4, (byte) 0, (byte) 0, (byte) 0);
    }

    @Test
    void rejectsUnknownNamesAndErrnosOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SeccompFilter.denying(Architecture.X86_64, List.of("mkdri"), EPERM))
                .withMessageContaining("Unknown syscall \"mkdri\" on x86_64; did you mean \"mkdir\"?");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SeccompFilter.denying(Architecture.X86_64, List.of("mkdir"), 0))
                .withMessageContaining("between 1 and 4095");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SeccompFilter.denying(Architecture.X86_64, List.of("mkdir"), 4096));
    }

    private static int run(SeccompFilter filter, int arch, int nr) {
        return BpfInterpreter.run(filter.program(), arch, nr);
    }
}
