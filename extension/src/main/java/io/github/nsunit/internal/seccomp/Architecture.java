package io.github.nsunit.internal.seccomp;

import java.nio.ByteOrder;
import java.util.Locale;

/** The CPU architectures whose syscall numbers nsunit knows, with the constants a seccomp filter needs. */
enum Architecture {

    /** {@code AUDIT_ARCH_X86_64}; x32 calls share this audit arch and are told apart by bit 30 of the number. */
    X86_64("x86_64", 0xC000003E, 317, true),
    /** {@code AUDIT_ARCH_AARCH64}. */
    AARCH64("aarch64", 0xC00000B7, 277, false);

    private final String kernelName;
    private final int auditArch;
    private final int seccompSyscall;
    private final boolean hasX32;

    Architecture(String kernelName, int auditArch, int seccompSyscall, boolean hasX32) {
        this.kernelName = kernelName;
        this.auditArch = auditArch;
        this.seccompSyscall = seccompSyscall;
        this.hasX32 = hasX32;
    }

    /** The architecture of this JVM; throws UnsupportedOperationException for any other than x86_64 and aarch64. */
    public static Architecture current() {
        return fromOsArch(System.getProperty("os.arch", ""));
    }

    /** Maps a Java {@code os.arch} value ("amd64", "x86_64", "aarch64") to an architecture. */
    public static Architecture fromOsArch(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        Architecture found = arch.equals("amd64") || arch.equals("x86_64") ? X86_64
                : arch.equals("aarch64") || arch.equals("arm64") ? AARCH64 : null;
        if (found == null || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("nsunit's seccomp filter and syscall tables support x86_64 and "
                    + "aarch64 (little-endian) only, but this JVM runs on os.arch=" + osArch + " ("
                    + ByteOrder.nativeOrder() + "); run the test without a syscall deny list on this machine");
        }
        return found;
    }

    /** The name Linux uses, as in {@code uname -m}. */
    public String kernelName() {
        return kernelName;
    }

    /** The {@code AUDIT_ARCH_*} value the kernel puts in {@code seccomp_data.arch}. */
    public int auditArch() {
        return auditArch;
    }

    /** The number of the {@code seccomp(2)} syscall, which glibc 2.36 has no wrapper for. */
    public int seccompSyscall() {
        return seccompSyscall;
    }

    /** Whether the x32 ABI can reach this kernel's syscall table with {@code nr | 0x40000000}. */
    public boolean hasX32() {
        return hasX32;
    }
}
