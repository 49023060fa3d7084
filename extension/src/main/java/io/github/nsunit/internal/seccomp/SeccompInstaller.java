package io.github.nsunit.internal.seccomp;

import io.github.nsunit.internal.linux.Errno;
import io.github.nsunit.internal.linux.LibCHolder;
import io.github.nsunit.internal.linux.LinuxCallException;
import io.github.nsunit.internal.linux.NoNewPrivs;
import java.lang.ref.Reference;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Installs a {@link SeccompFilter} on every thread of this JVM, irreversibly.
 *
 * <p>A JVM already runs a score of threads (GC, JIT, signal dispatcher, the test's own pools) when a step can
 * run; SECCOMP_FILTER_FLAG_TSYNC applies the filter to all of them, not only the calling thread, and every
 * thread or process started later inherits it.
 */
public final class SeccompInstaller {

    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    /** {@code struct sock_fprog}: unsigned short len, padding to 8, then the pointer. */
    private static final int SOCK_FPROG_SIZE = 16;
    private static final int SOCK_FPROG_FILTER_OFFSET = 8;

    private SeccompInstaller() {
    }

    /** Sets no_new_privs (needed without CAP_SYS_ADMIN, harmless with it), then installs {@code filter}. */
    public static void install(SeccompFilter filter) {
        Architecture running = Architecture.current();
        if (filter.architecture() != running) {
            throw new IllegalArgumentException(filter + " was built for " + filter.architecture().kernelName()
                    + " but this JVM runs on " + running.kernelName() + "; build it with Architecture.current()");
        }
        NoNewPrivs.set();
        Runtime runtime = LibCHolder.runtime();
        byte[] bytes = filter.program();
        Pointer program = Memory.allocateDirect(runtime, bytes.length);
        program.put(0, bytes, 0, bytes.length);
        Pointer fprog = Memory.allocateDirect(runtime, SOCK_FPROG_SIZE);
        fprog.putShort(0, (short) filter.instructionCount());
        fprog.putAddress(SOCK_FPROG_FILTER_OFFSET, program.address());

        String call = "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, " + filter + ")";
        long result = LinuxCallException.check(
                LibCHolder.libc().syscall(running.seccompSyscall(), SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, fprog),
                call, SeccompInstaller::remedy);
        // The kernel copies the program during the call; until then the direct memory must stay reachable.
        Reference.reachabilityFence(program);
        if (result > 0) {
            throw new IllegalStateException(call + " failed: thread " + result + " could not be synchronised (it "
                    + "already has a seccomp filter that is not an ancestor of this thread's); no thread got the "
                    + "new filter. Do not install seccomp filters from test code running before nsunit's");
        }
    }

    private static String remedy(int errno) {
        switch (errno) {
            case Errno.ENOSYS:
                return "the kernel has no seccomp(2) (Linux 3.17+ with CONFIG_SECCOMP_FILTER is needed)";
            case Errno.EINVAL:
                return "the kernel rejected the filter or the TSYNC flag (needs Linux 3.17+ with CONFIG_SECCOMP_FILTER)";
            case Errno.EACCES:
                return "no_new_privs is not set and the process lacks CAP_SYS_ADMIN";
            case Errno.ENOMEM:
                return "the filters attached to this process exceed the kernel's limit of 32768 instructions; deny fewer syscalls";
            default:
                return "";
        }
    }
}
