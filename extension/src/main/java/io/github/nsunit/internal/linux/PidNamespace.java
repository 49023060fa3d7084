package io.github.nsunit.internal.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The inode of this process's PID namespace ({@code readlink /proc/self/ns/pid}). A pid means something only in
 * its namespace: a run inside an isolated test sees the outer run's pid as absent. Names that carry a pid also
 * carry this, and only a run of the same namespace may judge such a pid dead.
 */
public final class PidNamespace {
    private static final OptionalLong CURRENT = read();

    private PidNamespace() {
    }

    /** This process's PID namespace inode, or empty where {@code /proc} cannot tell (then nothing is judged dead). */
    public static OptionalLong current() {
        return CURRENT;
    }

    private static OptionalLong read() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // pid:[4026531836]
            return OptionalLong.of(Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']'))));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalLong.empty();
        }
    }
}
