package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.linux.ProcessIdentity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this JVM gets a run directory in one hierarchy, chosen once per hierarchy:
 * <ul>
 * <li>{@link Kind#DIRECT}: it may write there itself (root, or a base the user configured or made writable);
 * <li>{@link Kind#DELEGATED}: on cgroup v2, the top of a subtree delegated to this user that contains this JVM
 * (a systemd user session's {@code user@UID.service}); moving a child within it needs no privilege;
 * <li>{@link Kind#SUDO}: passwordless {@code sudo -n} makes the run directory and hands it over, and removes
 * it; on v2 each child also joins its leaf through sudo, because moving a process needs write access to the
 * common ancestor's {@code cgroup.procs}, which only root has.
 * </ul>
 * Leaves, limits and kills are the user's own work in every case: the run directory is theirs.
 *
 * @param base where the run directory goes
 */
record CgroupAccess(Kind kind, Path base) {

    enum Kind { DIRECT, DELEGATED, SUDO }

    /**
     * The access for {@code mount}: the configured base as given; root directly at the hierarchy's root; else
     * a usable delegated subtree, a writable root, or sudo, in that order; else the root directly, where
     * creating fails with the remedies.
     */
    static CgroupAccess choose(CgroupLayout layout, CgroupMount mount, Optional<Path> configuredBase,
                               ProcessIdentity self) {
        return withoutSudo(layout, mount, configuredBase, self)
                .or(() -> SudoCgroups.available() ? Optional.of(new CgroupAccess(Kind.SUDO, mount.mountPoint()))
                        : Optional.empty())
                .orElseGet(() -> new CgroupAccess(Kind.DIRECT, mount.mountPoint()));
    }

    /** The access that needs no sudo, if this JVM has one; a configured base counts as one. */
    static Optional<CgroupAccess> withoutSudo(CgroupLayout layout, CgroupMount mount, Optional<Path> configuredBase,
                                              ProcessIdentity self) {
        if (configuredBase.isPresent()) {
            return Optional.of(new CgroupAccess(Kind.DIRECT, configuredBase.get()));
        }
        if (self.isRoot()) {
            return Optional.of(new CgroupAccess(Kind.DIRECT, mount.mountPoint()));
        }
        if (mount.isV2()) {
            Optional<Path> delegated = delegatedRoot(layout, mount, self.uid());
            if (delegated.isPresent()) {
                return Optional.of(new CgroupAccess(Kind.DELEGATED, delegated.get()));
            }
        }
        if (Files.isWritable(mount.mountPoint())) {
            return Optional.of(new CgroupAccess(Kind.DIRECT, mount.mountPoint()));
        }
        return Optional.empty();
    }

    /**
     * The highest ancestor of this JVM's own v2 cgroup that {@code uid} owns, with its {@code cgroup.procs}:
     * usable when its {@code cgroup.subtree_control} is the user's too and no process lives in it directly (v2
     * hands controllers down only from cgroups without processes).
     */
    static Optional<Path> delegatedRoot(CgroupLayout layout, CgroupMount mount, long uid) {
        Optional<Path> own = layout.ownCgroup(mount);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Path top = null;
        for (Path dir = own.get(); dir != null && dir.startsWith(mount.mountPoint())
                && !dir.equals(mount.mountPoint()); dir = dir.getParent()) {
            if (!ownedBy(dir, uid) || !ownedBy(dir.resolve("cgroup.procs"), uid)) {
                break;
            }
            top = dir;
        }
        if (top == null || !ownedBy(top.resolve("cgroup.subtree_control"), uid)
                || !CgroupFiles.readPids(top.resolve("cgroup.procs")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(top);
    }

    private static boolean ownedBy(Path file, long uid) {
        try {
            return ((Number) Files.getAttribute(file, "unix:uid")).longValue() == uid;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether a child must join a leaf of this hierarchy through sudo. */
    boolean joinNeedsSudo(CgroupMount mount) {
        return kind == Kind.SUDO && mount.isV2();
    }

    /**
     * Makes the run directory {@code dir} in {@code base}, first enabling {@code enable} (v2 controller names,
     * possibly none) in the base's {@code cgroup.subtree_control}.
     */
    void makeRunDirectory(Path dir, CgroupMount mount, List<String> enable, ProcessIdentity self) {
        if (kind == Kind.SUDO) {
            SudoCgroups.makeRunDirectory(base, dir, self.uid() + ":" + self.gid(),
                    String.join(" ", enable.stream().map(c -> "+" + c).toList()));
            return;
        }
        enable.forEach(controller -> CgroupFiles.write(base.resolve("cgroup.subtree_control"), "+" + controller,
                "enable the " + controller + " controller for the cgroups below " + base));
        Cgroups.mkdir(dir, mount);
    }

    /** Removes what the user could not: under sudo, the run directories the base's owner must remove. */
    void removeLeftOver(List<Path> deepestFirst) {
        if (kind == Kind.SUDO) {
            SudoCgroups.remove(deepestFirst.stream().filter(Files::isDirectory).toList());
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " in " + base;
    }
}
