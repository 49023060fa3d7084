package io.github.nsunit.internal.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names an archive after everything that makes it valid: the JDK (home, version, VM build), the archived jars
 * (path, size, modification time) and the JVM options it was made with. Any change gives a new name, so a stale
 * archive is never used; the JVM would refuse it anyway, but silently and slower.
 */
final class SharedArchiveKey {
    private SharedArchiveKey() {
    }

    static String of(ArchiveFormat format, List<Path> jars, List<String> jvmOptions) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(format).append('\n') // the dynamic archives of earlier versions are never mapped
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.version")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        for (Path jar : jars) {
            text.append(jar).append(' ').append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        jvmOptions.forEach(option -> text.append(option).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
