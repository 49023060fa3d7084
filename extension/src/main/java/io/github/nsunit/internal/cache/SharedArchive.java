package io.github.nsunit.internal.cache;

import io.github.nsunit.internal.child.ArchiveTraining;
import io.github.nsunit.internal.child.ChildMain;
import io.github.nsunit.internal.stage.ParentDeathStage;
import io.github.nsunit.Forked;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.AssignmentCodec;
import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.child.WarmUp;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An archive of the classes every child loads (JUnit launcher and Jupiter engine, nsunit), made once per JDK,
 * jar set and JVM options by a training child, and cached outside the project: a static class-data-sharing
 * archive, or on JDK 25 an ahead-of-time cache (see {@link ArchiveFormat}).
 *
 * <p>The JVM archives classes from jars only, refuses to write an archive once a class came from a directory,
 * and uses an archive only if the child's class path starts with the class path it was made with. So the
 * archived jars go first on the child's class path, ahead of the project's class directories. Only JUnit's and
 * nsunit's own jars move: a project class of the same name as one of theirs would now lose to it.
 *
 * <p>Whatever goes wrong (no writable cache, a JDK that cannot dump) only costs speed: the child then starts
 * without the archive, and the parent says why once per run. So does a cache directory that others could write
 * to ({@link CacheTrust}): an archive is code every child maps, and the cache is only a speed-up, so nsunit runs
 * without it rather than fail the run. An archive file in a trusted directory that is not this user's own regular
 * file is never mapped, but replaced.
 */
public final class SharedArchive {
    /** One class from each jar of JUnit and nsunit that every child loads: the archive holds them. */
    public static final List<String> JUNIT_AND_NSUNIT = List.of(
            "io.github.nsunit.internal.child.ChildMain",
            "org.junit.platform.launcher.core.LauncherFactory",
            "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.support.ReflectionSupport",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.junit.jupiter.api.Test",
            "org.opentest4j.AssertionFailedError");
    /** One class from each jar every child loads: JUnit's, nsunit's, and apiguardian's (JUnit's annotations). */
    private static final List<String> ARCHIVED = java.util.stream.Stream.concat(
            JUNIT_AND_NSUNIT.stream(), java.util.stream.Stream.of("org.apiguardian.api.API")).toList();
    /** User options that decide whether an archive can be mapped (heap layout, GC); the rest stay out of training. */
    private static final Pattern LAYOUT_OPTION = Pattern.compile(
            "-XX:[+-]?(Use\\w*GC|UseCompressed\\w*|ObjectAlignmentInBytes|MaxHeapSize|InitialHeapSize|\\w*RAMPercentage"
                    + "|TieredStopAtLevel|TieredCompilation|UsePerfData)(=.*)?|-Xm[xs].*");
    private static final Pattern OWN_SHARING_OPTION = Pattern.compile(
            "-Xshare:.*|-XX:SharedArchiveFile=.*|-XX:ArchiveClassesAtExit=.*|-XX:[+-]AutoCreateSharedArchive"
                    + "|-XX:AOT(Mode|Cache|CacheOutput|Configuration)=.*");
    private static final ArchiveFormat FORMAT = ArchiveFormat.forThisJdk();
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration UNUSED_ARCHIVE_AGE = Duration.ofDays(14);
    /** Per archive, whether this JVM found or made it: looked at once, so only the first child waits. */
    private static final Map<Path, Optional<Path>> ARCHIVES = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SharedArchive() {
    }

    /**
     * The class path and options of a child that uses the archive for {@code jvmArgs}, made now if missing; the
     * given ones unchanged if there is none to use.
     */
    public static ChildStart apply(String classPath, List<String> jvmArgs, ClassLoader testClassLoader, Path cacheDirectory) {
        ChildStart unchanged = new ChildStart(classPath, jvmArgs);
        if (jvmArgs.stream().anyMatch(o -> OWN_SHARING_OPTION.matcher(o).matches())) {
            return unchanged; // the user manages class-data sharing
        }
        Optional<List<Path>> jars = archivedJars(testClassLoader);
        if (jars.isEmpty()) {
            return unchanged; // e.g. nsunit's own build, where nsunit is a class directory
        }
        List<String> trainingOptions = jvmArgs.stream().filter(o -> LAYOUT_OPTION.matcher(o).matches()).toList();
        String key;
        try {
            key = SharedArchiveKey.of(FORMAT, jars.get(), trainingOptions);
        } catch (IOException e) {
            return unchanged; // a jar vanished: the child will say more
        }
        Optional<Path> archive = ARCHIVES.computeIfAbsent(cacheDirectory.resolve(key + FORMAT.suffix),
                path -> findOrCreate(path, jars.get(), trainingOptions));
        if (archive.isEmpty()) {
            return unchanged;
        }
        List<String> options = new ArrayList<>(FORMAT.use(archive.get()));
        if (jvmArgs.stream().noneMatch(o -> o.contains("ArchiveRelocationMode"))) {
            // JDK 17.0.15 and 25 relocate archives to a random address by default (ASLR hardening), which
            // writes to every archived page: 8 MiB of private copies per child on 17, and on 25 112 ms of a
            // child's CPU instead of 103. At the archive's own address they stay shared page cache. A test JVM
            // gains nothing from the hardening; the JVM relocates anyway when that address is taken.
            options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        }
        options.addAll(jvmArgs);
        return new ChildStart(jarsFirst(jars.get(), classPath), options);
    }

    private static Optional<Path> findOrCreate(Path archive, List<Path> jars, List<String> trainingOptions) {
        Path directory = archive.getParent();
        try {
            CacheTrust.ensureDirectory(directory);
        } catch (CacheTrust.UntrustedException e) {
            warnOnce(directory, "nsunit: not using the class-data-sharing cache directory: " + e.getMessage()
                    + ". Whoever can write there could run code in every child, so children start without an archive,"
                    + " which costs about 150 ms each. Set the configuration parameter "
                    + Forked.CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME + " (default $XDG_CACHE_HOME/nsunit/cds,"
                    + " else ~/.cache/nsunit/cds) to a directory of yours that only you can write to (chmod 700), or "
                    + Forked.CHILD_CLASS_DATA_SHARING_PROPERTY_NAME + "=false to stop trying.");
            return Optional.empty();
        } catch (IOException e) {
            return cannotCreate(archive, e);
        }
        try {
            Optional<String> distrust = CacheTrust.distrust(archive);
            if (distrust.isEmpty() && Files.size(archive) > 0) {
                Files.setLastModifiedTime(archive, FileTime.from(Instant.now())); // in use: keep it from pruning
                return Optional.of(archive);
            }
            // Only this user or root can write in a trusted directory, so this was planted or left by accident.
            distrust.ifPresent(why -> warnOnce(archive, "nsunit: will not map " + archive + " into children: "
                    + why + "; making a new archive in its place"));
        } catch (IOException absent) {
            // make it
        }
        try {
            create(archive, jars, trainingOptions);
            return Optional.of(archive);
        } catch (IOException e) {
            return cannotCreate(archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> cannotCreate(Path archive, IOException e) {
        warnOnce(archive.getParent(), "nsunit: could not create the archive of JUnit's and nsunit's classes at "
                + archive + " (" + e.getMessage() + "); children start without one, which costs about 150 ms each."
                + " Set the configuration parameter " + Forked.CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME
                + " to a writable directory, or " + Forked.CHILD_CLASS_DATA_SHARING_PROPERTY_NAME
                + "=false to stop trying.");
        return Optional.empty();
    }

    /**
     * Runs a training child that records what it loads, dumps the archive from that record under a temporary
     * name, checks it, then renames it into place.
     */
    private static void create(Path archive, List<Path> jars, List<String> trainingOptions)
            throws IOException, InterruptedException {
        Path directory = archive.getParent();
        prune(directory);
        // Unpredictable names, readable by this user only (the JVM replaces them with files of its own)
        Path record = Files.createTempFile(directory, archive.getFileName() + ".", ".record.tmp");
        Path temporary = Files.createTempFile(directory, archive.getFileName() + ".", ".tmp");
        String classPath = String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
        try {
            List<String> training = java(trainingOptions);
            training.addAll(FORMAT.record(record));
            training.add("-D" + WarmUp.PROPERTY + "=always"); // so the archive holds what a spare's warm-up loads
            training.addAll(List.of("-cp", classPath, ChildMain.class.getName(), "/dev/null"));
            ByteArrayOutputStream assignment = new ByteArrayOutputStream();
            AssignmentCodec.write(Assignment.test(ArchiveTraining.UNIQUE_ID, Map.of(), ChildSettings.NONE), assignment);
            run("the training child", training, assignment.toByteArray());
            if (Files.size(record) == 0) {
                throw new IOException("the training child " + String.join(" ", training) + " recorded nothing");
            }

            List<String> dump = java(trainingOptions);
            dump.addAll(FORMAT.dump(record, temporary));
            dump.addAll(List.of("-cp", classPath));
            run("the archive dump", dump, new byte[0]);
            if (Files.size(temporary) == 0) {
                throw new IOException("the archive dump " + String.join(" ", dump) + " wrote no archive");
            }
            verify(temporary, classPath, trainingOptions);
            // Atomic: a concurrent run sees no archive or a whole one, and two runs making it at once both win.
            Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(record);
        }
    }

    private static List<String> java(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        return command;
    }

    /** Runs one step of making the archive; a step that fails, or hangs, says what it printed. */
    private static void run(String step, List<String> command, byte[] stdin) throws IOException, InterruptedException {
        Path log = Files.createTempFile("nsunit-cds-", ".log");
        try {
            Process process = new ProcessBuilder(new ParentDeathStage().wrap(command))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(step + " did not finish within " + TRAINING_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(step + " " + String.join(" ", command) + " exited with " + process.exitValue()
                        + "; it said: " + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Maps the new archive in a JVM that must use it: a truncated archive (a full disk) would crash every child
     * with SIGBUS, one the JVM cannot use would only slow them down.
     */
    private static void verify(Path archive, String classPath, List<String> trainingOptions)
            throws IOException, InterruptedException {
        List<String> check = java(trainingOptions);
        check.addAll(FORMAT.check(archive));
        check.addAll(List.of("-cp", classPath, "-version"));
        run("the check that the new archive maps", check, new byte[0]);
    }

    /** Deletes archives unused for two weeks (each new jar version makes a new one) and crashed runs' leftovers. */
    private static void prune(Path directory) {
        Instant now = Instant.now();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                try {
                    String name = file.getFileName().toString();
                    Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
                    boolean unused = (name.endsWith(".jsa") || name.endsWith(".aot")) && modified.isBefore(now.minus(UNUSED_ARCHIVE_AGE));
                    boolean abandoned = name.endsWith(".tmp") && modified.isBefore(now.minus(Duration.ofHours(1)));
                    if (unused || abandoned) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException ignored) {
                    // another run pruned it first
                }
            });
        } catch (IOException ignored) {
            // nothing to prune
        }
    }

    private static Optional<List<Path>> archivedJars(ClassLoader loader) {
        Set<Path> jars = new LinkedHashSet<>();
        for (String className : ARCHIVED) {
            Optional<Path> location = locationOf(className, loader);
            if (location.isEmpty() || !Files.isRegularFile(location.get())) {
                return Optional.empty();
            }
            jars.add(location.get());
        }
        return Optional.of(List.copyOf(jars));
    }

    private static Optional<Path> locationOf(String className, ClassLoader loader) {
        try {
            CodeSource source = Class.forName(className, false, loader).getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The archived jars, then the rest of the class path in its order, each entry once. */
    static String jarsFirst(List<Path> jars, String classPath) {
        Set<String> entries = new LinkedHashSet<>();
        jars.forEach(jar -> entries.add(jar.toString()));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !jars.contains(Path.of(entry).toAbsolutePath().normalize())) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void warnOnce(Path directory, String message) {
        if (WARNED.add(String.valueOf(directory))) {
            System.err.println(message);
        }
    }
}
