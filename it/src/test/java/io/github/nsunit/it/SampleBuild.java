package io.github.nsunit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Maven build of one sample project: copied afresh from src/test/projects into target/it-projects, then
 * built by the outer build's {@code mvn} with its local repository (and {@code -o} when it is offline). The
 * build's output goes to {@code build.log} in the copy, kept for reading after a failure.
 */
final class SampleBuild {
    private static final long TIMEOUT_MINUTES = 5;
    /** Surefire's closing line; the per-class lines go on with ", Time elapsed". */
    private static final Pattern SUMMARY = Pattern.compile(
            "^\\[\\w+] Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)$", Pattern.MULTILINE);

    private final Path directory;
    private final int exitStatus;
    private final String log;
    private final Duration duration;

    private SampleBuild(Path directory, int exitStatus, String log, Duration duration) {
        this.directory = directory;
        this.exitStatus = exitStatus;
        this.log = log;
        this.duration = duration;
    }

    /**
     * How to build a copy of a sample project: the copy's directory name, {@code -D} properties that override
     * the outer build's (e.g. another {@code junit.version}), and the JDK to run Maven with (empty: the
     * outer build's environment decides).
     */
    record Options(String copyName, Map<String, String> properties, Optional<Path> javaHome) {
        Options {
            properties = Map.copyOf(properties);
        }

        static Options copyNamed(String copyName) {
            return new Options(copyName, Map.of(), Optional.empty());
        }

        Options with(String property, String value) {
            Map<String, String> more = new TreeMap<>(properties);
            more.put(property, value);
            return new Options(copyName, more, javaHome);
        }

        Options withJavaHome(Path home) {
            return new Options(copyName, properties, Optional.of(home));
        }
    }

    /** Copies the sample project {@code name} and runs {@code mvn -B <goals>} in the copy. */
    static SampleBuild run(String name, String... goals) throws IOException, InterruptedException {
        return run(name, Options.copyNamed(name), goals);
    }

    /** Copies the sample project {@code name} to {@code options.copyName()} and builds it as the options say. */
    static SampleBuild run(String name, Options options, String... goals) throws IOException, InterruptedException {
        InstalledNsunit.assertIsTheOneUnderTest();
        Path source = OuterBuild.projects().resolve(name);
        Path directory = OuterBuild.work().resolve(options.copyName());
        deleteTree(directory);
        copyTree(source, directory);

        Map<String, String> properties = new TreeMap<>(Map.of(
                "maven.repo.local", OuterBuild.localRepository().toString(),
                "nsunit.version", OuterBuild.nsunitVersion(),
                "junit.version", OuterBuild.junitVersion(),
                "surefire.version", OuterBuild.surefireVersion()));
        properties.putAll(options.properties());
        List<String> command = new ArrayList<>(List.of(OuterBuild.mavenExecutable(), "-B"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (OuterBuild.offline()) {
            command.add("-o");
        }
        command.addAll(List.of(goals));
        Path logFile = directory.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        // Set by the outer mvn script for itself; the inner build must find its own project directory.
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().remove("MAVEN_CMD_LINE_ARGS");
        options.javaHome().ifPresent(home -> builder.environment().put("JAVA_HOME", home.toString()));
        long started = System.nanoTime();
        Process maven = builder.start();
        maven.getOutputStream().close();
        if (!maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            try (Stream<ProcessHandle> tree = maven.descendants()) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
            maven.destroyForcibly().waitFor();
            throw new AssertionError("the build of sample project " + name + " did not finish within "
                    + TIMEOUT_MINUTES + " minutes and was killed: " + command + "; its output is in " + logFile);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new SampleBuild(directory, maven.exitValue(), Files.readString(logFile, StandardCharsets.UTF_8), took);
    }

    /** How long the inner {@code mvn} ran. */
    Duration duration() {
        return duration;
    }

    /** The copy of the project that was built. */
    Path directory() {
        return directory;
    }

    int exitStatus() {
        return exitStatus;
    }

    /** Everything Maven printed, stdout and stderr together. */
    String log() {
        return log;
    }

    /** The closing "Tests run: ..." line of each Surefire execution, in the order they ran. */
    List<SurefireReports.Counts> summaries() {
        List<SurefireReports.Counts> summaries = new ArrayList<>();
        Matcher matcher = SUMMARY.matcher(log);
        while (matcher.find()) {
            summaries.add(new SurefireReports.Counts(Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4))));
        }
        return summaries;
    }

    /** The reports Surefire wrote to {@code target/<directoryName>}. */
    SurefireReports reports(String directoryName) {
        return SurefireReports.read(directory.resolve("target").resolve(directoryName));
    }

    /** For assertion messages: where the project and its log are, and the build's own error lines. */
    String describe() {
        List<String> errors = log.lines().filter(line -> line.startsWith("[ERROR]")).limit(40).toList();
        return "sample build in " + directory + " (exit status " + exitStatus + ", output in build.log)"
                + (errors.isEmpty() ? "" : ":\n" + String.join("\n", errors));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
