package io.github.nsunit.internal.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;

/**
 * The few glibc calls the child JVM needs to finish its isolation, and nothing else.
 *
 * <p>Only {@link LibCHolder} loads it, and only when a step needs it: loading jnr-ffi costs start-up time that
 * a test without such a step should not pay. Every call returns -1 (or a negative value) and sets errno on
 * failure; callers check through {@link LinuxCallException#check}.
 */
public interface LibC {

    @SaveError
    int socket(int domain, int type, int protocol);

    /** {@code struct ifreq} travels as a byte array copied in and out: 16 bytes of name, then the union. */
    @SaveError
    @Variadic(fixedCount = 2)
    int ioctl(int fd, long request, byte[] ifreq);

    @SaveError
    int close(int fd);

    @SaveError
    int sethostname(byte[] name, @size_t long length);

    /** Null strings are passed as NULL pointers, as {@code mount(NULL, "/", NULL, MS_PRIVATE, NULL)} needs. */
    @SaveError
    int mount(String source, String target, String filesystemType, long flags, String data);

    @SaveError
    @Variadic(fixedCount = 1)
    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    /** For calls glibc 2.36 has no wrapper for, such as {@code seccomp(2)}. */
    @SaveError
    @Variadic(fixedCount = 1)
    long syscall(long number, long arg1, long arg2, Pointer arg3);

    int getpid();

    String strerror(int errno);
}
