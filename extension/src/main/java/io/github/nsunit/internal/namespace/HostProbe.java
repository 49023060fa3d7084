package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;
import io.github.nsunit.internal.linux.ToolRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds out, once per JVM and by trying rather than assuming, which {@link Privilege} can create namespaces here.
 *
 * <p>Each privilege is tried at most once (a real {@code unshare ... true} with every namespace kind, a few ms)
 * and the outcome, including the tool's own error text, is kept for the messages of later refusals.
 */
public final class HostProbe {

    /** Every namespace the stage can ask for, so that one probe run answers for any request. */
    static final List<String> ALL_NAMESPACES_PROBE = List.of(
            "--fork", "--kill-child", "--pid", "--mount-proc", "--net", "--uts", "--ipc", "--mount");

    private static final class Shared {
        static final HostProbe INSTANCE =
                new HostProbe(System.getProperty("os.name", "?"), ProcessIdentity.current(), Path.of("/proc/sys"));
    }

    private final String osName;
    private final ProcessIdentity identity;
    private final Path procSys;
    private final Map<Privilege, Attempt> attempts = new ConcurrentHashMap<>();
    private volatile Optional<String> toolProblem;

    HostProbe(String osName, ProcessIdentity identity, Path procSys) {
        this.osName = osName;
        this.identity = identity;
        this.procSys = procSys;
    }

    /** The probe of this JVM's host; its findings are shared by every test in the run. */
    public static HostProbe shared() {
        return Shared.INSTANCE;
    }

    public ProcessIdentity identity() {
        return identity;
    }

    /**
     * Returns the first privilege of {@code strategy} that works for {@code request}, or throws
     * {@link NamespaceUnavailableException} naming everything tried and why it failed.
     */
    public Privilege choose(Strategy strategy, NamespaceRequest request) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            throw NamespaceUnavailableException.notLinux(request, osName);
        }
        unshareProblem().ifPresent(problem -> {
            throw NamespaceUnavailableException.missingTool(request, problem);
        });
        List<Attempt> tried = new ArrayList<>();
        for (Privilege candidate : strategy.candidates()) {
            Attempt attempt = candidate == Privilege.SUDO && request.contains(Namespace.USER)
                    ? Attempt.refused(Privilege.SUDO, "a user namespace mapped to the invoking user cannot be made"
                            + " through sudo without newuidmap (package uidmap); nsunit does not do that yet")
                    : attempt(candidate);
            if (attempt.usable() && request.contains(Namespace.USER) && candidate == Privilege.DIRECT) {
                // root can make every other namespace where the kernel still refuses a user namespace (a chroot)
                attempt = userNamespaceAsRoot(attempt);
            }
            tried.add(attempt);
            if (attempt.usable()) {
                return candidate;
            }
        }
        throw NamespaceUnavailableException.refused(request, strategy, tried);
    }

    /** Tries {@code privilege} once per JVM and remembers the outcome. */
    public Attempt attempt(Privilege privilege) {
        return attempts.computeIfAbsent(privilege, this::tryPrivilege);
    }

    /** Why util-linux {@code unshare} cannot be used, if it cannot; checked once. */
    Optional<String> unshareProblem() {
        Optional<String> problem = toolProblem;
        if (problem == null) {
            problem = findUnshareProblem();
            toolProblem = problem;
        }
        return problem;
    }

    private static Optional<String> findUnshareProblem() {
        ToolRun version = ToolRun.of(List.of("unshare", "--version"));
        if (version.succeeded() && version.output().contains("util-linux")) {
            return Optional.empty();
        }
        String found = version.exitCode() == ToolRun.NOT_STARTED
                ? "no `unshare` on PATH (" + System.getenv("PATH") + "): " + version.output()
                : "the `unshare` on PATH is not util-linux's (busybox's lacks --mount-proc and --kill-child): "
                        + version.describe();
        return Optional.of(found + ". Install the util-linux package (Debian/Ubuntu: apt-get install util-linux;"
                + " Fedora/RHEL: dnf install util-linux; Alpine: apk add util-linux)");
    }

    private Attempt tryPrivilege(Privilege privilege) {
        switch (privilege) {
            case DIRECT:
                return tryDirect();
            case USER_NAMESPACE:
                return tryUserNamespace();
            case SUDO:
                return trySudo();
            default:
                throw new IllegalArgumentException(String.valueOf(privilege));
        }
    }

    private Attempt tryDirect() {
        if (!identity.hasSysAdmin()) {
            return Attempt.refused(Privilege.DIRECT, "this JVM runs as uid " + identity.uid()
                    + " without CAP_SYS_ADMIN (bit 21 of CapEff in /proc/self/status is clear)");
        }
        ToolRun run = ToolRun.of(withProbe(List.of("unshare")));
        return run.succeeded()
                ? Attempt.usable(Privilege.DIRECT, "uid " + identity.uid() + " with CAP_SYS_ADMIN")
                : Attempt.refused(Privilege.DIRECT, "CAP_SYS_ADMIN is held, yet " + run.describe()
                        + " (a container's seccomp profile can refuse unshare(2) even so)");
    }

    private Attempt tryUserNamespace() {
        // --map-root-user writes uid_map and --mount-proc mounts: both fail under Ubuntu 24.04's AppArmor
        // restriction, where creating the namespace alone would seem to work.
        ToolRun run = ToolRun.of(withProbe(List.of("unshare", "--user", "--map-root-user")));
        if (run.succeeded()) {
            return Attempt.usable(Privilege.USER_NAMESPACE, "unprivileged user namespaces are allowed");
        }
        StringBuilder why = new StringBuilder(run.describe());
        sysctl("user/max_user_namespaces").filter("0"::equals)
                .ifPresent(v -> why.append("; user.max_user_namespaces is 0"));
        sysctl("kernel/unprivileged_userns_clone").filter("0"::equals)
                .ifPresent(v -> why.append("; kernel.unprivileged_userns_clone is 0"));
        sysctl("kernel/apparmor_restrict_unprivileged_userns").filter("1"::equals)
                .ifPresent(v -> why.append("; kernel.apparmor_restrict_unprivileged_userns is 1 (AppArmor)"));
        return Attempt.refused(Privilege.USER_NAMESPACE, why.toString());
    }

    /**
     * Root's user namespace is the very {@code unshare --user} run that the user-namespace privilege tries (as
     * root), so that attempt, cached, answers for it too.
     */
    private Attempt userNamespaceAsRoot(Attempt direct) {
        Attempt userNamespace = attempt(Privilege.USER_NAMESPACE);
        if (userNamespace.usable()) {
            return direct;
        }
        String why = "every other namespace can be made, but the kernel refuses a user namespace (@IsolatedUser): "
                + userNamespace.detail();
        if (!why.contains("user.max_user_namespaces is 0")) {
            why += "; the kernel never makes a user namespace for a process inside a chroot, which this one may be"
                    + " (a chroot build environment such as pbuilder or sbuild)";
        }
        return Attempt.refused(direct.privilege(), why);
    }

    private Attempt trySudo() {
        if (identity.isRoot()) {
            return Attempt.refused(Privilege.SUDO, "this JVM already runs as root; sudo would add nothing");
        }
        // The exact chain the stage runs, so a sudoers entry that allows only some commands is found out here.
        List<String> command = new ArrayList<>(SudoChain.PREFIX);
        command.add("unshare");
        ToolRun run = ToolRun.of(withProbe(command));
        if (run.succeeded()) {
            return Attempt.usable(Privilege.SUDO, "passwordless sudo");
        }
        if (run.exitCode() == ToolRun.NOT_STARTED) {
            return Attempt.refused(Privilege.SUDO, "sudo is not installed (" + run.output() + ")");
        }
        return Attempt.refused(Privilege.SUDO, run.describe());
    }

    private static List<String> withProbe(List<String> unshare) {
        List<String> command = new ArrayList<>(unshare);
        command.addAll(ALL_NAMESPACES_PROBE);
        command.add("--");
        command.add("true");
        return command;
    }

    private Optional<String> sysctl(String relativePath) {
        try {
            return Optional.of(Files.readString(procSys.resolve(relativePath)).strip());
        } catch (IOException e) {
            return Optional.empty(); // the kernel has no such knob: nothing to report
        }
    }
}
