package io.github.nsunit.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nsunit.internal.linux.PidNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leftover private directories in the real {@code /dev/shm}: only ours are removed, and never through a link. */
class PrivateDirectoryCleanupTest {
    private static final Path SHM = Path.of("/dev/shm");
    private final List<Path> made = new ArrayList<>();

    @BeforeEach
    void needsRootAndShm() throws IOException {
        assumeTrue(Files.isDirectory(SHM) && "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")
                .toString()), "needs root and /dev/shm");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = made.size() - 1; i >= 0; i--) {
            new ProcessBuilder("rm", "-rf", "--", made.get(i).toString()).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLeftoverOwnedByAnotherUserIsLeftAloneAndOneOfOursIsRemoved() throws Exception {
        Path theirs = leftoverOfADeadRun();
        Files.setOwner(theirs, nopriv());
        Path ours = leftoverOfADeadRun();

        PrivateDirectory.removeLeftovers(SHM);

        assertThat(theirs).as("another user's directory").isDirectory();
        assertThat(ours).as("our own stale directory").doesNotExist();
    }

    @Test
    void removalNeverFollowsALinkEvenOneSwappedInMidway() throws Exception {
        Path target = Files.createTempDirectory(SHM, "nsunit-test-target");
        made.add(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        for (int i = 0; i < 200; i++) {
            Files.createFile(target.resolve("f" + i));
        }
        for (int round = 0; round < 20; round++) {
            Path stale = leftoverOfADeadRun();
            Files.createSymbolicLink(stale.resolve("link"), target);
            Path sub = Files.createDirectory(stale.resolve("sub"));
            for (int i = 0; i < 200; i++) {
                Files.createFile(sub.resolve("f" + i));
            }
            AtomicBoolean done = new AtomicBoolean();
            Thread swapper = new Thread(() -> swapForLink(stale, target, done));
            swapper.start();
            try {
                PrivateDirectory.removeLeftovers(SHM);
            } finally {
                done.set(true);
                swapper.join();
            }
            try (var files = Files.list(target)) {
                assertThat(files.count()).as("files in the link's target after round " + round).isEqualTo(200);
            }
        }
    }

    /** Turns {@code stale/sub} into a link to {@code target} as soon as the removal has begun to unlink its entries (f99 goes first in reverse name order). */
    private static void swapForLink(Path stale, Path target, AtomicBoolean done) {
        Path sub = stale.resolve("sub");
        while (!done.get()) {
            try {
                if (Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS) && !Files.exists(sub.resolve("f99"))) {
                    Files.move(sub, stale.resolve("moved"));
                    Files.createSymbolicLink(sub, target);
                    return;
                }
            } catch (IOException | RuntimeException raced) {
                return;
            }
        }
    }

    private Path leftoverOfADeadRun() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Path dir = Files.createTempDirectory(SHM, "nsunit-" + exited.pid() + "-" + PidNamespace.current().orElseThrow()
                + "-");
        made.add(dir);
        return dir;
    }

    private static UserPrincipal nopriv() throws IOException {
        return SHM.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nsunit-nopriv");
    }
}
