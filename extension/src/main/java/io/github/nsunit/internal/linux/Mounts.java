package io.github.nsunit.internal.linux;

import static io.github.nsunit.internal.linux.LibCHolder.libc;
import static io.github.nsunit.internal.linux.LinuxCallException.check;

import java.nio.file.Path;

/** Mount steps for a child that runs in a mount namespace of its own. */
public final class Mounts {

    private static final long MS_NOSUID = 2;
    private static final long MS_BIND = 4096;
    private static final long MS_NODEV = 4;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1 << 18;

    /** Shows up as the source in /proc/self/mountinfo so a leftover mount can be traced back to us. */
    static final String TMPFS_SOURCE = "nsunit-tmpfs";

    private static final String REMEDY = "mounting needs CAP_SYS_ADMIN in the mount namespace's owning user "
            + "namespace: run the child JVM in a mount namespace of its own (unshare --mount, adding "
            + "--user --map-root-user when not root)";

    private Mounts() {
    }

    /**
     * Makes every mount private, recursively, so nothing mounted from now on propagates back to the host.
     *
     * <p>util-linux {@code unshare --mount} already does this unless told {@code --propagation unchanged}; doing
     * it again costs one call and does not depend on how the namespace was made.
     */
    public static void makePrivate() {
        check(libc().mount(null, "/", null, MS_REC | MS_PRIVATE, null), "mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE)",
                LinuxCallException.Remedy.onPermissionDenied(REMEDY));
    }

    /** Mounts an empty tmpfs, world-writable with the sticky bit like {@code /tmp}, over {@code target}. */
    public static void tmpfs(Path target) {
        tmpfs(target, "mode=1777");
    }

    /** Mounts a tmpfs over {@code target} with tmpfs(5) {@code options} such as {@code "mode=0700,size=64m"}. */
    public static void tmpfs(Path target, String options) {
        String path = target.toAbsolutePath().toString();
        check(libc().mount(TMPFS_SOURCE, path, "tmpfs", MS_NOSUID | MS_NODEV, options),
                "mount(\"" + TMPFS_SOURCE + "\", \"" + path + "\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"" + options + "\")",
                errno -> errno == Errno.ENOENT ? "the mount point " + path + " does not exist; create it first"
                        : errno == Errno.EINVAL ? "tmpfs rejected the options \"" + options + "\"; see tmpfs(5)"
                        : LinuxCallException.Remedy.onPermissionDenied(REMEDY).forErrno(errno));
    }

    /** Bind-mounts the file or directory {@code source} over {@code target}, which must exist. */
    public static void bind(Path source, Path target) {
        String from = source.toAbsolutePath().toString();
        String to = target.toAbsolutePath().toString();
        check(libc().mount(from, to, null, MS_BIND, null),
                "mount(\"" + from + "\", \"" + to + "\", NULL, MS_BIND)",
                errno -> errno == Errno.ENOENT ? "the source " + from + " or the mount point " + to + " does not exist"
                        : LinuxCallException.Remedy.onPermissionDenied(REMEDY).forErrno(errno));
    }
}
