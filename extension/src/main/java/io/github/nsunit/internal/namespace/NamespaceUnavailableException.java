package io.github.nsunit.internal.namespace;

import io.github.nsunit.NsunitProperties;

import java.util.List;

/**
 * This host cannot give the child JVM the namespaces a test asked for. The message says what was tried, how each
 * attempt failed in the tool's own words, and what the user can change.
 */
public final class NamespaceUnavailableException extends RuntimeException {

    /** The configuration parameter that turns this failure into a skipped test. */

    private static final long serialVersionUID = 1L;

    private static final String SKIP_HINT = "To skip such tests instead of failing them, set "
            + NsunitProperties.UNAVAILABLE + "=skip (a JUnit configuration parameter, e.g. in junit-platform.properties"
            + " or -D" + NsunitProperties.UNAVAILABLE + "=skip).";

    private NamespaceUnavailableException(String message) {
        super(message);
    }

    static NamespaceUnavailableException notLinux(NamespaceRequest request, String osName) {
        return new NamespaceUnavailableException("nsunit cannot give the test " + request.describe()
                + ": namespaces are a Linux kernel feature, and this JVM runs on " + osName + ". Run the tests on"
                + " Linux (a Linux CI runner, a VM or a container started with the rights to unshare). " + SKIP_HINT);
    }

    static NamespaceUnavailableException missingTool(NamespaceRequest request, String problem) {
        return new NamespaceUnavailableException("nsunit cannot give the test " + request.describe()
                + ": it creates them with util-linux unshare(1), and " + problem + ". " + SKIP_HINT);
    }

    static NamespaceUnavailableException refused(NamespaceRequest request, Strategy strategy, List<Attempt> tried) {
        StringBuilder message = new StringBuilder("nsunit cannot give the test ").append(request.describe())
                .append(": every way to create them was refused (")
                .append(NsunitProperties.NAMESPACE_STRATEGY).append('=').append(strategy).append(").\nTried:");
        for (Attempt attempt : tried) {
            message.append("\n  - ").append(attempt);
        }
        message.append("\nAny one of these makes it work:")
                .append("\n  - run the tests as root (or with CAP_SYS_ADMIN);")
                .append("\n  - allow unprivileged user namespaces: sysctl -w user.max_user_namespaces=15000")
                .append(" (and on Debian/Ubuntu kernels that have it: sysctl -w kernel.unprivileged_userns_clone=1);")
                .append(" on Ubuntu 24.04 and later (GitHub's ubuntu-24.04 runners):")
                .append(" sysctl -w kernel.apparmor_restrict_unprivileged_userns=0;")
                .append("\n  - give this user passwordless sudo (the child still runs as this user, not as root);")
                .append(" in Docker, run the container with --privileged or --cap-add SYS_ADMIN")
                .append(" --security-opt seccomp=unconfined.\n");
        if (request.contains(Namespace.USER)) {
            message.append("@IsolatedUser needs the kernel to make a user namespace: not inside a chroot (run the"
                    + " build in a container or a VM instead), and user.max_user_namespaces above 0; or drop"
                    + " @IsolatedUser, which every other annotation works without.\n");
        }
        message.append(SKIP_HINT);
        return new NamespaceUnavailableException(message.toString());
    }
}
