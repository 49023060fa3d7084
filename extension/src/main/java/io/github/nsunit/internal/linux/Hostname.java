package io.github.nsunit.internal.linux;

import static io.github.nsunit.internal.linux.LibCHolder.libc;
import static io.github.nsunit.internal.linux.LinuxCallException.check;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Sets the host name of the current UTS namespace. */
public final class Hostname {

    /** HOST_NAME_MAX on Linux (__NEW_UTS_LEN). */
    public static final int MAX_LENGTH = 64;

    // RFC 1123 labels: letters, digits and inner hyphens, separated by dots. The kernel accepts any bytes, but
    // a name resolvers and InetAddress would choke on only moves the failure somewhere harder to explain.
    private static final Pattern VALID = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

    private static final String REMEDY = "setting the host name needs CAP_SYS_ADMIN in the UTS namespace's owning "
            + "user namespace: run the child JVM in a UTS namespace of its own (unshare --uts, adding "
            + "--user --map-root-user when not root)";

    private Hostname() {
    }

    /** Checks {@code name} and sets it; throws IllegalArgumentException for a bad name before calling the kernel. */
    public static void set(String name) {
        validate(name);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        check(libc().sethostname(bytes, bytes.length), "sethostname(\"" + name + "\")",
                LinuxCallException.Remedy.onPermissionDenied(REMEDY));
    }

    /** Throws IllegalArgumentException unless {@code name} is a valid host name of at most 64 characters. */
    public static void validate(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Host name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Host name \"" + name + "\" has " + name.length()
                    + " characters; Linux allows at most " + MAX_LENGTH);
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Host name \"" + name + "\" is not valid: use letters, digits and "
                    + "hyphens in dot-separated labels that neither start nor end with a hyphen, e.g. \"nsunit-box\"");
        }
    }
}
