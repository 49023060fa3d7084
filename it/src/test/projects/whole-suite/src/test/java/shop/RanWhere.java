package shop;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Not part of the suite under test: a listener (registered in META-INF/services) that appends, for each test
 * a JVM starts, a line "unique id, pid, main class, PID namespace, network namespace" to the file named by
 * the system property ran-where.file, so the integration test can see which JVM ran what.
 */
public final class RanWhere implements TestExecutionListener {

    @Override
    public void executionStarted(TestIdentifier identifier) {
        String file = System.getProperty("ran-where.file");
        if (file == null || !identifier.isTest()) {
            return;
        }
        String line = String.join("\t", identifier.getUniqueId(), Long.toString(ProcessHandle.current().pid()),
                System.getProperty("sun.java.command", "").split(" ")[0], namespace("pid"), namespace("net")) + "\n";
        try {
            Files.writeString(Path.of(file), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String namespace(String name) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns", name)).toString();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
