package sample;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Build plumbing, not a sample: writes the test class path without JUnit, which the standalone jar brings. */
class ClassPathRecorder {
    private static final String[] BROUGHT_BY_STANDALONE = {"/org/junit/", "/org/opentest4j/", "/org/apiguardian/"};

    @Test
    void record() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Arrays.stream(BROUGHT_BY_STANDALONE).noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        Files.writeString(Path.of(System.getProperty("class-path.file")), classPath);
    }
}
