package io.github.nsunit.internal.cache;

import io.github.nsunit.internal.command.Fifo;
import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages make a private directory and a FIFO the way a child's launch does. */
public final class PrivateDirectoryAccess {
    private PrivateDirectoryAccess() {
    }

    public static Path create() throws IOException {
        return PrivateDirectory.create();
    }

    public static void fifo(Path path) throws IOException {
        Fifo.create(path);
    }

    public static void delete(Path directory) {
        PrivateDirectory.delete(directory);
    }
}
