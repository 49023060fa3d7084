package io.github.nsunit.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves a class path too long for one argument into a {@code java @file} argument file: the kernel refuses an
 * argument over 128 KiB, and Gradle and big Maven builds reach that. The command keeps its {@code -cp} until
 * the child is launched, so a spare's key does not depend on where the file is; the file lives in the child's
 * private directory and goes with it.
 */
public final class ClassPathArgument {
    /** Well under the kernel's limit, so the rest of the command keeps room too. */
    static final int INLINE_LIMIT = 32 * 1024;
    static final String FILE_NAME = "classpath.args";

    private ClassPathArgument() {
    }

    /**
     * The command with its over-long {@code -cp} value written to {@value #FILE_NAME} in {@code directory} and
     * replaced by an {@code @file} argument, or empty when every class path in it fits inline.
     */
    public static Optional<List<String>> moveToFile(List<String> command, Path directory) throws IOException {
        for (int i = command.size() - 2; i >= 0; i--) { // the java command is innermost, at the end
            if (command.get(i).equals("-cp") && command.get(i + 1).length() > INLINE_LIMIT) {
                Path file = directory.resolve(FILE_NAME);
                // In an argument file a quoted argument may hold any character; backslash escapes inside quotes.
                String classPath = command.get(i + 1);
                String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
                Files.writeString(file, "-cp " + quoted + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                List<String> shortened = new ArrayList<>(command.subList(0, i));
                shortened.add("@" + file);
                shortened.addAll(command.subList(i + 2, command.size()));
                return Optional.of(shortened);
            }
        }
        return Optional.empty();
    }
}
