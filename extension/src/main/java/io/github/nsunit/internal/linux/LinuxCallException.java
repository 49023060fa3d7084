package io.github.nsunit.internal.linux;

/**
 * A Linux call failed: says which call with which arguments, the errno, and what the user can do about it.
 *
 * <p>Example: {@code ioctl(SIOCSIFFLAGS, lo, IFF_UP) failed: EPERM (Operation not permitted) - <remedy>}.
 */
public final class LinuxCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    LinuxCallException(String call, int errno, String description, String remedy) {
        super(call + " failed: " + Errno.name(errno) + " (" + description + ")" + (remedy.isEmpty() ? "" : " - " + remedy));
        this.call = call;
        this.errno = errno;
    }

    /** The call as written in the message, e.g. {@code sethostname("box")}. */
    public String call() {
        return call;
    }

    /** The errno the call set. */
    public int errno() {
        return errno;
    }

    /** Returns {@code result} when it is not negative, else throws with errno and the remedy chosen for it. */
    public static long check(long result, String call, Remedy remedy) {
        if (result >= 0) {
            return result;
        }
        int errno = LibCHolder.runtime().getLastError();
        throw new LinuxCallException(call, errno, describe(errno), remedy.forErrno(errno));
    }

    private static String describe(int errno) {
        String text = LibCHolder.libc().strerror(errno);
        return text == null ? "no description" : text;
    }

    /** What to advise for a given errno; most calls only have advice for EPERM. */
    @FunctionalInterface
    public interface Remedy {
        String forErrno(int errno);

        static Remedy onPermissionDenied(String advice) {
            return errno -> errno == Errno.EPERM || errno == Errno.EACCES ? advice : "";
        }
    }
}
