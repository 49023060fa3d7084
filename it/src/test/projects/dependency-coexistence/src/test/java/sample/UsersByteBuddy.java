package sample;

import net.bytebuddy.ByteBuddy;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks that the byte-buddy this JVM loads for the user's code is the version the build pinned. */
final class UsersByteBuddy {
    private UsersByteBuddy() {
    }

    static void isThePinnedOne() throws Exception {
        Path jar = Path.of(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals("byte-buddy-" + System.getProperty("expected.byte-buddy.version") + ".jar",
                jar.getFileName().toString());
    }
}
