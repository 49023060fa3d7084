package io.github.nsunit.internal.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which cache directories and files nsunit trusts, on the real file system (under /tmp: root's, sticky). */
class CacheTrustTest {
    @TempDir
    Path tmp;

    /** The account {@code .ci/setup-users} makes, or a skipped test saying how to make it. */
    static UserPrincipal otherUser() throws IOException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nsunit-nopriv");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "user nsunit-nopriv does not exist: run .ci/setup-users as root");
            throw e;
        }
    }

    @Test
    void createsTheMissingDirectoriesForThisUserOnly() throws IOException {
        Path cache = tmp.resolve("a/b/c");

        CacheTrust.ensureDirectory(cache);

        for (Path made : new Path[] {tmp.resolve("a"), tmp.resolve("a/b"), cache}) {
            assertThat(Files.getAttribute(made, "unix:mode")).as(made.toString()).isEqualTo(040700);
        }
        CacheTrust.ensureDirectory(cache); // there already: trusted again
    }

    @Test
    void acceptsAnOwnDirectoryOthersCanRead() throws IOException {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setAttribute(cache, "unix:mode", 0755);

        CacheTrust.ensureDirectory(cache);
    }

    @Test
    void refusesADirectoryOfAnotherUser() throws IOException {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setAttribute(cache, "unix:mode", 0755);
        Files.setOwner(cache, otherUser());

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(cache + " is owned by nsunit-nopriv (uid ").hasMessageContaining("0755 (rwxr-xr-x)");
    }

    @Test
    void refusesADirectoryOthersCanWriteTo() throws IOException {
        Path cache = Files.createDirectory(tmp.resolve("cache"));
        Files.setAttribute(cache, "unix:mode", 0777);

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(cache + " has mode 0777 (rwxrwxrwx): others can write to it");
    }

    @Test
    void refusesALinkInPlaceOfTheDirectory() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path cache = Files.createSymbolicLink(tmp.resolve("cache"), real);

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(cache + " is a symbolic link (to " + real + ")");
    }

    @Test
    void refusesAnOwnDirectoryInsideOneOthersCanWriteToWithoutTheStickyBit() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        Path cache = shared.resolve("nsunit");

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(shared + ", above " + cache + ", has mode 0777 (rwxrwxrwx)");

        Files.setAttribute(shared, "unix:mode", 01777); // as /tmp: others cannot rename our entries away
        CacheTrust.ensureDirectory(cache);
    }

    @Test
    void refusesAnOwnDirectoryInsideOneOfAnotherUser() throws IOException {
        Path theirs = Files.createDirectory(tmp.resolve("theirs"));
        Path cache = Files.createDirectory(theirs.resolve("nsunit"));
        Files.setOwner(theirs, otherUser());

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(theirs + ", above " + cache + ", is owned by nsunit-nopriv");
    }

    @Test
    void checksTheDirectoriesAboveALinkWhereItLeads() throws IOException {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 0777);
        Path home = Files.createSymbolicLink(tmp.resolve("home"), Files.createDirectory(shared.resolve("home")));
        Path cache = home.resolve("nsunit");

        assertThatThrownBy(() -> CacheTrust.ensureDirectory(cache)).isInstanceOf(CacheTrust.UntrustedException.class)
                .hasMessageContaining(shared + ", above " + cache);
    }

    @Test
    void trustsOnlyAnOwnRegularFileOthersCannotWrite() throws IOException {
        Path file = Files.writeString(tmp.resolve("archive"), "x");
        Files.setAttribute(file, "unix:mode", 0644);
        assertThat(CacheTrust.distrust(file)).isEmpty();

        Files.setAttribute(file, "unix:mode", 0666);
        assertThat(CacheTrust.distrust(file)).hasValue("it has mode 0666 (rw-rw-rw-): others can write to it");

        Files.setAttribute(file, "unix:mode", 0644);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        assertThat(CacheTrust.distrust(link)).hasValue("it is a symbolic link (to " + file + ")");

        Files.setOwner(file, otherUser());
        assertThat(CacheTrust.distrust(file)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("it is owned by nsunit-nopriv (uid ").endsWith("mode 0644 (rw-r--r--)"));

        assertThat(CacheTrust.distrust(Files.createDirectory(tmp.resolve("dir")))).hasValue("it is not a regular file");
        assertThatThrownBy(() -> CacheTrust.distrust(tmp.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
