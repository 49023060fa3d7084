package io.github.nsunit.internal.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child's class path on its command line: {@code -cp <path>}, or, for a class path too long for one
 * argument (the kernel refuses an argument over 128 KiB; Gradle and big Maven builds reach that), a
 * {@code java @file} argument file that holds it. The file is shared by every child with that class path, so
 * spares still match, and lives in a private directory of this run that is removed when this JVM exits, or
 * by the next run if this one is killed.
 */
final class ClassPathArgument {
    /** Well under the kernel's limit, so the rest of the command keeps room too. */
    static final int INLINE_LIMIT = 32 * 1024;
    private static final Map<String, Path> FILES = new ConcurrentHashMap<>();
    private static volatile Path directory;

    private ClassPathArgument() {
    }

    static List<String> of(String classPath) {
        if (classPath.length() <= INLINE_LIMIT) {
            return List.of("-cp", classPath);
        }
        return List.of("@" + FILES.computeIfAbsent(classPath, ClassPathArgument::write));
    }

    private static Path write(String classPath) {
        try {
            Path file = runDirectory().resolve("classpath-" + digest(classPath) + ".args");
            // In an argument file a quoted argument may hold any character; backslash escapes inside quotes.
            String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Files.writeString(file, "-cp " + quoted + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the child's class path ("
                    + classPath.length() + " characters) to an argument file", e);
        }
    }

    private static synchronized Path runDirectory() throws IOException {
        if (directory == null) {
            Path created = PrivateDirectory.create();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> PrivateDirectory.delete(created),
                    "nsunit-class-path-cleanup"));
            directory = created;
        }
        return directory;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
