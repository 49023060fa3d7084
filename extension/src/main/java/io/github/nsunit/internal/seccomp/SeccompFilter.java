package io.github.nsunit.internal.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A seccomp deny list compiled to classic BPF: the named syscalls fail with an errno, everything else runs.
 *
 * <p>The program, in order:
 * <ol>
 *   <li>a call made with another architecture's calling convention (i386 {@code int 0x80} on x86_64) kills the
 *       process. Its numbers mean other calls, so the list cannot judge it; a JVM never makes one, so a loud
 *       SIGSYS that the parent reports as a signal is better than letting it through or failing it
 *       confusingly;</li>
 *   <li>on x86_64, an x32 call ({@code nr >= 0x40000000}) reaches the same kernel functions under other
 *       numbers and would slip past the list: it fails with ENOSYS, which is what kernels built or booted
 *       without x32 answer anyway, so code probing for x32 behaves as it would there;</li>
 *   <li>each denied number returns {@code SECCOMP_RET_ERRNO | errno} (a test sees an ordinary failed call,
 *       e.g. an IOException "Operation not permitted", not a dead JVM);</li>
 *   <li>everything else is allowed.</li>
 * </ol>
 * Each denial is a compare followed by its own return, so no jump exceeds one instruction however long the list.
 */
public final class SeccompFilter {

    /** SECCOMP_RET_KILL_PROCESS (Linux 4.14; older kernels treat it as killing the thread). */
    static final int RET_KILL_PROCESS = 0x80000000;
    static final int RET_ERRNO = 0x00050000;
    static final int RET_ALLOW = 0x7fff0000;
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int ENOSYS = 38;
    /** The kernel clamps the data of SECCOMP_RET_ERRNO to MAX_ERRNO. */
    static final int MAX_ERRNO = 4095;
    /** BPF_MAXINSNS: the kernel refuses longer programs. */
    static final int MAX_INSTRUCTIONS = 4096;

    private final Architecture architecture;
    private final Map<String, Integer> denied;
    private final int errno;
    private final byte[] program;

    private SeccompFilter(Architecture architecture, Map<String, Integer> denied, int errno) {
        this.architecture = architecture;
        this.denied = Collections.unmodifiableMap(denied);
        this.errno = errno;
        this.program = compile();
    }

    /** Denies {@code syscalls} with EPERM on this JVM's architecture. */
    public static SeccompFilter denying(Collection<String> syscalls) {
        return denying(Architecture.current(), syscalls, 1);
    }

    /**
     * Denies {@code syscalls} (names as in the kernel's unistd.h) with {@code errno}, for {@code architecture}.
     * Throws IllegalArgumentException for an unknown name or an errno outside 1..4095.
     */
    public static SeccompFilter denying(Architecture architecture, Collection<String> syscalls, int errno) {
        if (errno < 1 || errno > MAX_ERRNO) {
            throw new IllegalArgumentException("A denied syscall's errno must be between 1 and " + MAX_ERRNO
                    + ", e.g. 1 (EPERM) or 38 (ENOSYS); got " + errno);
        }
        SyscallTable table = SyscallTable.of(architecture);
        Map<String, Integer> denied = new LinkedHashMap<>();
        for (String name : syscalls) {
            denied.put(name, table.number(name));
        }
        return new SeccompFilter(architecture, denied, errno);
    }

    private byte[] compile() {
        SortedSet<Integer> numbers = new TreeSet<>(denied.values());
        int count = 4 + (architecture.hasX32() ? 2 : 0) + 2 * numbers.size() + 1;
        if (count > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("A deny list of " + numbers.size() + " syscalls needs " + count
                    + " BPF instructions; the kernel accepts at most " + MAX_INSTRUCTIONS);
        }
        ByteBuffer out = ByteBuffer.allocate(count * Bpf.INSTRUCTION_SIZE).order(ByteOrder.nativeOrder());
        Bpf.put(out, Bpf.LD_W_ABS, 0, 0, Bpf.OFFSET_ARCH);
        Bpf.put(out, Bpf.JEQ_K, 1, 0, architecture.auditArch());
        Bpf.put(out, Bpf.RET_K, 0, 0, RET_KILL_PROCESS);
        Bpf.put(out, Bpf.LD_W_ABS, 0, 0, Bpf.OFFSET_NR);
        if (architecture.hasX32()) {
            Bpf.put(out, Bpf.JGE_K, 0, 1, X32_SYSCALL_BIT);
            Bpf.put(out, Bpf.RET_K, 0, 0, RET_ERRNO | ENOSYS);
        }
        for (int number : numbers) {
            Bpf.put(out, Bpf.JEQ_K, 0, 1, number);
            Bpf.put(out, Bpf.RET_K, 0, 0, RET_ERRNO | errno);
        }
        Bpf.put(out, Bpf.RET_K, 0, 0, RET_ALLOW);
        return out.array();
    }

    public Architecture architecture() {
        return architecture;
    }

    /** Denied syscall names and their numbers, in the order given. */
    public Map<String, Integer> denied() {
        return denied;
    }

    public int errno() {
        return errno;
    }

    /** The {@code struct sock_filter} array in native byte order, as the kernel reads it; a copy. */
    public byte[] program() {
        return program.clone();
    }

    public int instructionCount() {
        return program.length / Bpf.INSTRUCTION_SIZE;
    }

    @Override
    public String toString() {
        return "SeccompFilter[" + architecture.kernelName() + ", deny " + denied.keySet() + " with errno " + errno + "]";
    }
}
