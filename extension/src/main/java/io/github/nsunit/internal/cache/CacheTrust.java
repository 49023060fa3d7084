package io.github.nsunit.internal.cache;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether nsunit may use what it finds in a cache directory. Every child maps the archives kept there and
 * runs the agent jar kept there, so whoever can write in it can run code in every child. A directory is trusted
 * when it is a real directory (not a link) of this user that no one else can write to, and no one else can swap
 * it for one of theirs: each directory above it belongs to this user or root and, if others can write to it, is
 * sticky, as {@code /tmp} is, so they cannot rename this user's entries away. A file in it is used only when it is
 * a regular file (not a link) of this user that no one else can write to.
 *
 * <p>The checks hold until the file is used: once the directory is trusted, only this user or root can change it.
 */
final class CacheTrust {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private CacheTrust() {
    }

    /** Thrown for a cache directory, or a directory above it, that others could write to or replace. */
    static final class UntrustedException extends IOException {
        UntrustedException(String message) {
            super(message);
        }
    }

    /**
     * Creates {@code directory} and the directories missing above it, each readable by this user only, then checks
     * that it can be trusted.
     *
     * @throws UntrustedException saying which directory is not, its owner and mode
     */
    static void ensureDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path p = absolute; p != null && !Files.exists(p, NOFOLLOW); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, OWNER_ONLY);
            } catch (FileAlreadyExistsException raced) {
                // another run made it first; whoever did, the checks below decide
            }
        }
        check(absolute);
    }

    /** Checks {@code directory} (which exists) and every directory above it, as written and as resolved. */
    static void check(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        int self = currentUid();
        Map<String, Object> own = Files.readAttributes(absolute, "unix:uid,mode,isDirectory,isSymbolicLink", NOFOLLOW);
        if ((Boolean) own.get("isSymbolicLink")) {
            throw new UntrustedException(absolute + " is a symbolic link (to " + Files.readSymbolicLink(absolute)
                    + "); nsunit uses a cache directory only under its real name");
        }
        if (!(Boolean) own.get("isDirectory")) {
            throw new UntrustedException(absolute + " is not a directory");
        }
        if ((int) own.get("uid") != self) {
            throw new UntrustedException(absolute + " is owned by " + owner(absolute) + ", not by you (uid " + self
                    + "), mode " + mode((int) own.get("mode")));
        }
        if (((int) own.get("mode") & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new UntrustedException(absolute + " has mode " + mode((int) own.get("mode"))
                    + ": others can write to it (owner " + owner(absolute) + ")");
        }
        // as written (a link above it is followed: its own directory is checked too), then as resolved
        for (Path above = absolute.getParent(); above != null; above = above.getParent()) {
            checkAbove(above, absolute, self);
        }
        if (absolute.getParent() != null) {
            for (Path above = absolute.getParent().toRealPath(); above != null; above = above.getParent()) {
                checkAbove(above, absolute, self);
            }
        }
    }

    private static void checkAbove(Path above, Path directory, int self) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(above, "unix:uid,mode");
        int uid = (int) attributes.get("uid");
        int mode = (int) attributes.get("mode");
        if (uid != self && uid != 0) {
            throw new UntrustedException(above + ", above " + directory + ", is owned by " + owner(above)
                    + ", mode " + mode(mode) + ", who could replace what is below it");
        }
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
            throw new UntrustedException(above + ", above " + directory + ", has mode " + mode(mode)
                    + " (owner " + owner(above) + "): others can write to it and, without the sticky bit, replace "
                    + "what is below it");
        }
    }

    /**
     * Why {@code file} must not be used ("it is a symbolic link ..."), or nothing if it is a regular file of this user that no one else can
     * write to; never follows a link.
     *
     * @throws NoSuchFileException if there is no such file
     */
    static Optional<String> distrust(Path file) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, "unix:uid,mode,isRegularFile,isSymbolicLink",
                NOFOLLOW);
        int mode = (int) attributes.get("mode");
        if ((Boolean) attributes.get("isSymbolicLink")) {
            return Optional.of("it is a symbolic link (to " + Files.readSymbolicLink(file) + ")");
        }
        if (!(Boolean) attributes.get("isRegularFile")) {
            return Optional.of("it is not a regular file");
        }
        if ((int) attributes.get("uid") != currentUid()) {
            return Optional.of("it is owned by " + owner(file) + ", not by you (uid " + currentUid()
                    + "), mode " + mode(mode));
        }
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0) {
            return Optional.of("it has mode " + mode(mode) + ": others can write to it");
        }
        return Optional.empty();
    }

    /** This process's effective uid: {@code /proc/self} belongs to it. */
    static int currentUid() throws IOException {
        return (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** {@code nsunit-nopriv (uid 1001)}: the owner's name where the system knows it. */
    private static String owner(Path path) throws IOException {
        int uid = (int) Files.getAttribute(path, "unix:uid", NOFOLLOW);
        String name = Files.getOwner(path, NOFOLLOW).getName();
        return name.equals(String.valueOf(uid)) ? "uid " + uid : name + " (uid " + uid + ")";
    }

    /** {@code 0777 (rwxrwxrwx)}, {@code 1777 (rwxrwxrwt)}. */
    static String mode(int mode) {
        String permissions = PosixFilePermissions.toString(permissions(mode));
        if ((mode & STICKY) != 0) {
            permissions = permissions.substring(0, 8) + ((mode & 01) != 0 ? 't' : 'T');
        }
        return String.format("%04o (%s)", mode & 07777, permissions);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}
