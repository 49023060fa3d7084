package io.github.nsunit.internal.cache;

import io.github.nsunit.internal.linux.PidNamespace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A per-child directory readable only by the invoking user (mode 700), for the channel FIFO. It lives in
 * {@code /dev/shm} where there is one, so that it stays visible to a child that gets a private {@code /tmp};
 * its name carries the parent's pid and PID namespace, so directories left by a parent that was killed are
 * removed by the next run of the same namespace.
 */
public final class PrivateDirectory {
    private static final String PREFIX = "nsunit-";
    private static final Path BASE = chooseBase();
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    static {
        removeLeftovers(BASE);
    }

    private PrivateDirectory() {
    }

    public static Path create() throws IOException {
        // createTempDirectory gives rwx------ on POSIX file systems
        return Files.createTempDirectory(BASE, PREFIX + ProcessHandle.current().pid() + "-"
                + PidNamespace.current().orElse(0) + "-");
    }

    /**
     * Removes {@code dir} and what it holds without ever following a link: each directory is opened relative to
     * its parent with no-follow and its entries are unlinked relative to it, so a directory swapped for a link
     * midway fails to open instead of leading the removal elsewhere.
     */
    public static void delete(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
            if (stream instanceof SecureDirectoryStream) {
                removeEntry((SecureDirectoryStream<Path>) stream, dir.getFileName());
            }
        } catch (IOException | RuntimeException alreadyGone) {
            // nothing left to delete, or not ours to delete
        }
    }

    private static void removeEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        BasicFileAttributes attributes = parent.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
                .readAttributes();
        if (!attributes.isDirectory()) {
            parent.deleteFile(name);
            return;
        }
        try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, NOFOLLOW)) {
            List<Path> names = new ArrayList<>();
            child.forEach(entry -> names.add(entry.getFileName()));
            for (Path entry : names) {
                removeEntry(child, entry);
            }
        }
        parent.deleteDirectory(name);
    }

    private static Path chooseBase() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes directories of ours whose parent JVM is gone (killed before it could clean up): only real
     * directories (no links) owned by this user, named for a pid of this PID namespace that no longer runs.
     */
    static void removeLeftovers(Path base) {
        OptionalLong namespace = PidNamespace.current();
        if (namespace.isEmpty()) {
            return;
        }
        Object self = currentUid();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path dir : dirs) {
                ownerPid(dir, namespace.getAsLong())
                        .filter(pid -> ProcessHandle.of(pid).isEmpty())
                        .filter(pid -> ownedDirectory(dir, self))
                        .ifPresent(pid -> delete(dir));
            }
        } catch (IOException | RuntimeException unreadable) {
            // a race with another run: not ours to remove
        }
    }

    /** This process's effective uid: {@code /proc/self} belongs to it. */
    private static Object currentUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException unknown) {
            return null;
        }
    }

    private static boolean ownedDirectory(Path dir, Object uid) {
        try {
            return uid != null && Files.isDirectory(dir, NOFOLLOW)
                    && uid.equals(Files.getAttribute(dir, "unix:uid", NOFOLLOW));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /** The pid in {@code nsunit-<pid>-<pid namespace>-<random>}, if the namespace is {@code namespace}. */
    private static Optional<Long> ownerPid(Path dir, long namespace) {
        String[] parts = dir.getFileName().toString().split("-");
        try {
            return parts.length == 4 && Long.parseLong(parts[2]) == namespace ? Optional.of(Long.parseLong(parts[1]))
                    : Optional.empty();
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
