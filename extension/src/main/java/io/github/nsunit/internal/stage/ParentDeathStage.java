package io.github.nsunit.internal.stage;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the kernel SIGKILL the child when the parent JVM dies, even by SIGKILL, where no shutdown hook runs
 * (util-linux {@code setpriv --pdeathsig KILL}). The signal follows the thread that started the child, which
 * waits for the child, so it fires only when the parent really is gone.
 */
public final class ParentDeathStage implements CommandStage {
    private static final Path SETPRIV = findSetpriv();

    static boolean available() {
        return SETPRIV != null;
    }

    @Override
    public List<String> wrap(List<String> next) {
        if (SETPRIV == null) {
            return next;
        }
        List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        command.addAll(next);
        return command;
    }

    private static Path findSetpriv() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setpriv");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
