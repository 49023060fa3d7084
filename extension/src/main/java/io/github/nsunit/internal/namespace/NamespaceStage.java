package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import io.github.nsunit.internal.stage.CommandStage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the rest of the chain inside new namespaces, made by util-linux {@code unshare} with the privilege the
 * {@link HostProbe} found.
 *
 * <p>Without a PID namespace {@code unshare} execs the rest, so the exit status and a death by signal reach the
 * parent unchanged. With one, {@code unshare} must fork: the forked process is PID 1 of the namespace and
 * {@code --kill-child} SIGKILLs it if {@code unshare} dies. PID 1 is then a small shell that waits for the rest
 * and exits with its status, because util-linux 2.38's {@code unshare} reports a child killed by SIGKILL as
 * "sigprocmask unblock failed" and exit 1 (measured; fixed upstream later); the shell's 128+signal gives the
 * parent's {@code Process.waitFor()} the same 137 a direct SIGKILL would. When that PID 1 exits, the kernel
 * kills whatever is left in the namespace.
 */
public final class NamespaceStage implements CommandStage {

    /** The source name of the private {@code /tmp}, so that it can be recognized in /proc/mounts. */
    static final String TMP_SOURCE = "nsunit-tmp";

    private final NamespaceRequest request;
    private final Privilege privilege;
    private final ProcessIdentity invokingUser;
    private final Map<String, String> environment;
    private final Optional<String> hostname;

    /**
     * @param invokingUser the user the child JVM must run as (used only with {@link Privilege#SUDO})
     * @param environment the child's environment, re-established after sudo reset it (used only with SUDO)
     */
    public NamespaceStage(NamespaceRequest request, Privilege privilege, ProcessIdentity invokingUser,
            Map<String, String> environment) {
        this(request, privilege, invokingUser, environment, Optional.empty());
    }

    /**
     * @param hostname under {@link Privilege#SUDO}, the hostname this stage sets as root in the new UTS
     *                 namespace, with an {@code /etc/hosts} that names it (elsewhere the child, root in its
     *                 user namespace or as root, sets it itself)
     */
    public NamespaceStage(NamespaceRequest request, Privilege privilege, ProcessIdentity invokingUser,
            Map<String, String> environment, Optional<String> hostname) {
        if (privilege == Privilege.SUDO && request.contains(Namespace.USER)) {
            throw new IllegalArgumentException("the sudo strategy cannot make a user namespace: " + request.describe());
        }
        this.request = request;
        this.privilege = privilege;
        this.invokingUser = invokingUser;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment)); // keeps order: stable command lines
        this.hostname = privilege == Privilege.SUDO ? hostname : Optional.empty();
    }

    /** A stage for this JVM's own user and the given environment of the child. */
    public static NamespaceStage forThisProcess(NamespaceRequest request, Privilege privilege,
            Map<String, String> environment, Optional<String> hostname) {
        return new NamespaceStage(request, privilege, HostProbe.shared().identity(), environment, hostname);
    }

    /** Whether this stage sets the hostname (under sudo, where the child no longer can). */
    public boolean setsHostname() {
        return hostname.isPresent();
    }

    /** sudo closes inherited descriptors above 2. */
    @Override
    public boolean passesDescriptors() {
        return privilege != Privilege.SUDO;
    }

    /** sudo is setuid: the kernel clears the parent-death signal at its exec. */
    @Override
    public boolean keepsParentDeathSignal() {
        return privilege != Privilege.SUDO;
    }

    /** Whether the child JVM itself must bring up loopback (under sudo this stage does it, as root). */
    public boolean childBringsUpLoopback() {
        return request.contains(Namespace.NETWORK) && !stageBringsUpLoopback();
    }

    /**
     * This stage's shell brings lo up with iproute2's {@code ip} where there is one (it is root in the new network
     * namespace): an exec of a few milliseconds, where the child's own ioctl through jnr-ffi costs it about
     * 90 ms of start-up. Under sudo it must, as the child is no longer root there.
     */
    private boolean stageBringsUpLoopback() {
        return request.contains(Namespace.NETWORK) && (privilege == Privilege.SUDO || IP.isPresent());
    }

    /**
     * Mounts an empty tmpfs on {@code /tmp}, then carries over the entries named after their count (the build's
     * own directory when it lives under {@code /tmp}): the old {@code /tmp} stays reachable through a descriptor
     * opened before the mount, is bind-mounted aside just long enough to bind those entries into the new one,
     * and is unmounted again. The names are arguments, never spliced into the script, and are counted rather
     * than ended by a marker, so no name (not even {@code --}) can end the list early. Binds are recursive so
     * an entry's submounts (a build volume mounted below {@code /tmp}) come along; the recursive copy of the old
     * {@code /tmp} also holds the fresh tmpfs stacked on its root, which is taken off first to see what it hides.
     */
    static final String FRESH_TMP = "exec 9</tmp || exit; "
            + "mount -t tmpfs -o mode=1777,nosuid,nodev " + TMP_SOURCE + " /tmp || exit; "
            + "n=$1; shift; "
            + "if [ \"$n\" -gt 0 ]; then "
            + "mkdir /tmp/.nsunit-host && mount --no-canonicalize --rbind /proc/self/fd/9 /tmp/.nsunit-host || exit; "
            + "if [ -d /tmp/.nsunit-host/.nsunit-host ]; then umount /tmp/.nsunit-host || exit; fi; "
            + "while [ \"$n\" -gt 0 ]; do "
            + "if [ -d \"/tmp/.nsunit-host/$1\" ]; then mkdir \"/tmp/$1\"; else : > \"/tmp/$1\"; fi "
            + "&& mount --no-canonicalize --rbind \"/tmp/.nsunit-host/$1\" \"/tmp/$1\" || exit; "
            + "shift; n=$((n - 1)); done; "
            + "umount -l /tmp/.nsunit-host && rmdir /tmp/.nsunit-host || exit; fi; "
            + "exec 9<&-; ";

    /** The shell command that brings lo up, e.g. {@code /usr/sbin/ip link set lo up || exit; }. */
    static String loopbackUpCommand() {
        return IP.map(Object::toString).orElse("ip") + " link set lo up || exit; ";
    }

    private static final Optional<java.nio.file.Path> IP = java.util.stream.Stream.of(
                    "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
            .map(java.nio.file.Path::of).filter(java.nio.file.Files::isExecutable).findFirst();

    /** Whether the child runs as root inside a user namespace, and so may set its hostname and bring up lo. */
    public boolean childIsRootInUserNamespace() {
        return privilege == Privilege.USER_NAMESPACE || request.contains(Namespace.USER);
    }

    @Override
    public List<String> wrap(List<String> next) {
        if (request.isEmpty()) {
            return List.copyOf(next);
        }
        List<String> command = new ArrayList<>();
        if (privilege == Privilege.SUDO) {
            command.addAll(SudoChain.PREFIX);
        }
        command.add("unshare");
        if (privilege == Privilege.USER_NAMESPACE || request.contains(Namespace.USER)) {
            command.add(Namespace.USER.unshareFlag());
            command.add("--map-root-user");
        }
        if (request.contains(Namespace.PID)) {
            command.addAll(List.of("--fork", "--kill-child", Namespace.PID.unshareFlag(), "--mount-proc"));
        }
        // the rest of the table: a flag each (the user and PID namespaces come with options of their own, above)
        for (Namespace namespace : Namespace.values()) {
            if (namespace != Namespace.USER && namespace != Namespace.PID && request.contains(namespace)) {
                command.add(namespace.unshareFlag());
            }
        }
        if (request.contains(Namespace.MOUNT)) {
            // Private, so the child's mounts (its /tmp) never show on the host and the host's do not arrive later.
            command.addAll(List.of("--propagation", "private"));
        }
        command.add("--");
        String script = setupScript();
        if (script != null) {
            command.addAll(List.of("sh", "-c", script, "nsunit-namespace"));
            hostname.ifPresent(command::add); // an argument, never spliced into the script
            if (request.freshTmp()) {
                // how many names the script carries into the fresh /tmp, then the names
                command.add(Integer.toString(request.keptInTmp().size()));
                command.addAll(request.keptInTmp());
            }
        }
        if (privilege == Privilege.SUDO) {
            command.addAll(SudoChain.dropTo(invokingUser, environment));
        }
        command.addAll(next);
        return command;
    }

    /**
     * Under sudo, the last step that is root in the new namespaces: ports below 1024 are the test's to bind in
     * its own network namespace (as they are for a child that is root there), and the hostname, taken from the
     * first argument, is set with an {@code /etc/hosts} that names it, bind-mounted from a file unlinked at once.
     */
    static final String SUDO_NETWORK = "echo 0 > /proc/sys/net/ipv4/ip_unprivileged_port_start || exit; ";
    static final String SUDO_HOSTNAME = "printf %s \"$1\" > /proc/sys/kernel/hostname || exit; "
            + "h=$(mktemp /dev/shm/nsunit-hosts.XXXXXX 2>/dev/null || mktemp) || exit; "
            + "{ cat /etc/hosts 2>/dev/null; printf '127.0.1.1\\t%s\\n::1\\t%s\\n' \"$1\" \"$1\"; } > \"$h\" "
            + "&& chmod 644 \"$h\" && mount --bind \"$h\" /etc/hosts; s=$?; rm -f \"$h\"; [ $s -eq 0 ] || exit; shift; ";

    /** The shell step run inside the namespaces before the rest, or null if none is needed. */
    private String setupScript() {
        boolean pid = request.contains(Namespace.PID);
        boolean loopbackAsRoot = stageBringsUpLoopback();
        boolean sudoNetwork = privilege == Privilege.SUDO && request.contains(Namespace.NETWORK);
        if (!pid && !request.freshTmp() && !loopbackAsRoot && !sudoNetwork && hostname.isEmpty()) {
            return null;
        }
        String name = hostname.isPresent() ? SUDO_HOSTNAME : "";
        // Root in the new network namespace (and under sudo, the last step that is): bring lo up here.
        String loopback = loopbackAsRoot ? loopbackUpCommand() : "";
        String lowPorts = sudoNetwork ? SUDO_NETWORK : "";
        String mountTmp = request.freshTmp() ? FRESH_TMP : "";
        return name + loopback + lowPorts + mountTmp + (pid ? "\"$@\"; exit $?" : "exec \"$@\"");
    }

    @Override
    public String toString() {
        return "NamespaceStage[" + request.describe() + " via " + privilege.configName() + "]";
    }
}
