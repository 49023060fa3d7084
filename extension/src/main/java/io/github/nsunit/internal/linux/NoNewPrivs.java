package io.github.nsunit.internal.linux;

import static io.github.nsunit.internal.linux.LibCHolder.libc;
import static io.github.nsunit.internal.linux.LinuxCallException.check;

/**
 * Sets PR_SET_NO_NEW_PRIVS for this process and its future children: execve can no longer grant privileges
 * (setuid bits, file capabilities), which is what lets a process without CAP_SYS_ADMIN install a seccomp filter.
 * It cannot be undone.
 */
public final class NoNewPrivs {

    private static final int PR_SET_NO_NEW_PRIVS = 38;

    private NoNewPrivs() {
    }

    /** Sets the flag; throws {@link LinuxCallException} if the kernel refuses (Linux before 3.5). */
    public static void set() {
        check(libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS, 1)",
                errno -> errno == Errno.EINVAL ? "the kernel is older than Linux 3.5 and cannot run seccomp filters" : "");
    }
}
