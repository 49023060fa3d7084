package io.github.nsunit.samples;

import io.github.nsunit.DenySyscalls;
import io.github.nsunit.ExpectSystemExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two things a test cannot do safely in-process: let the code under test call System.exit, and take syscalls away. */
class ExitAndSyscallSampleTest {

    /** A command-line tool's entry point, as users write them. */
    static final class Cli {
        static void main(String... args) {
            if (args.length == 0 || !args[0].startsWith("--")) {
                System.err.println("usage: cli --option");
                System.exit(2);
            }
        }
    }

    @Test
    @ExpectSystemExit(2)
    void cliRejectsMissingOption() {
        Cli.main();
    }

    @Test
    @DenySyscalls({"mkdir", "mkdirat"})
    void directoriesCannotBeCreated(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> Files.createDirectory(tmp.resolve("denied")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Operation not permitted");
        Files.writeString(tmp.resolve("allowed.txt"), "files still work");
        assertThat(tmp.resolve("allowed.txt")).exists();
    }

    @Test
    @DenySyscalls({"mkdir", "mkdirat"})
    void subprocessesInheritTheFilter(@TempDir Path tmp) throws Exception {
        Process mkdir = new ProcessBuilder("mkdir", tmp.resolve("from-a-subprocess").toString())
                .redirectErrorStream(true).start();
        String output = new String(mkdir.getInputStream().readAllBytes());
        assertThat(mkdir.waitFor()).isNotZero();
        assertThat(output).contains("Operation not permitted");
    }
}
