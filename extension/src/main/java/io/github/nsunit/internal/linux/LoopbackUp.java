package io.github.nsunit.internal.linux;

import static io.github.nsunit.internal.linux.LibCHolder.libc;
import static io.github.nsunit.internal.linux.LinuxCallException.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Brings up {@code lo} in the current network namespace, which a new namespace creates DOWN.
 *
 * <p>Uses the classic ioctl pair on an AF_INET datagram socket rather than netlink: two calls, no message
 * parsing. Always sets the flag, even when {@code lo} is already up, so that running this outside a network
 * namespace of our own fails loudly (EPERM without CAP_NET_ADMIN) instead of passing by accident.
 */
public final class LoopbackUp {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 0x1;

    // struct ifreq on x86_64 and aarch64: char ifr_name[IFNAMSIZ = 16], then a 24-byte union whose
    // ifr_flags member is a short at offset 16. 40 bytes in all.
    private static final int IFREQ_SIZE = 40;
    private static final int IFR_FLAGS_OFFSET = 16;
    private static final String LOOPBACK = "lo";

    private static final String REMEDY = "bringing up loopback needs CAP_NET_ADMIN in the network namespace's owning "
            + "user namespace: run the child JVM in a network namespace of its own (unshare --net, adding "
            + "--user --map-root-user when not root)";

    private LoopbackUp() {
    }

    /** Sets IFF_UP on {@code lo}; throws {@link LinuxCallException} naming the failed call. */
    public static void run() {
        LibC libc = libc();
        int fd = (int) check(libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(AF_INET, SOCK_DGRAM)",
                errno -> "the kernel has no IPv4 support in this network namespace");
        boolean flagsSet = false;
        try {
            ByteBuffer ifreq = ByteBuffer.allocate(IFREQ_SIZE).order(ByteOrder.nativeOrder());
            ifreq.put(LOOPBACK.getBytes(StandardCharsets.US_ASCII));
            byte[] request = ifreq.array();
            check(libc.ioctl(fd, SIOCGIFFLAGS, request), "ioctl(SIOCGIFFLAGS, lo)",
                    errno -> errno == Errno.ENODEV ? "this network namespace has no loopback device" : "");
            short flags = ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getShort(IFR_FLAGS_OFFSET);
            ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).putShort(IFR_FLAGS_OFFSET, (short) (flags | IFF_UP));
            check(libc.ioctl(fd, SIOCSIFFLAGS, request), "ioctl(SIOCSIFFLAGS, lo, IFF_UP)",
                    LinuxCallException.Remedy.onPermissionDenied(REMEDY));
            flagsSet = true;
        } finally {
            int closed = libc.close(fd);
            // Only report a failed close when nothing failed before it: it must not hide the real error.
            if (flagsSet) {
                check(closed, "close(" + fd + ") of the AF_INET socket", errno -> "");
            }
        }
    }
}
