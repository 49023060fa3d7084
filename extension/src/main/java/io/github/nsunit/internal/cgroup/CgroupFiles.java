package io.github.nsunit.internal.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads and writes cgroup interface files. Each write is one {@code write(2)} without {@code O_CREAT} or
 * {@code O_TRUNC}, the way the kernel expects, and a refusal becomes a message naming the file and the value.
 */
final class CgroupFiles {

    /** v1 reports "no limit" as a page-aligned {@code LONG_MAX}; anything this large is unlimited. */
    private static final long V1_UNLIMITED_THRESHOLD = 1L << 62;

    private CgroupFiles() {
    }

    static void write(Path file, String value, String purpose) {
        try {
            Files.write(file, value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not " + purpose + ": writing \"" + value + "\" to " + file
                    + " failed: " + describe(e) + ". " + remedyFor(e), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not read " + file + ": " + describe(e), e);
        }
    }

    /** A single number, or empty for "max" and v1's huge "unlimited"; empty too if the file does not exist. */
    static OptionalLong readLimit(Path file) {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        String text = read(file).trim();
        if (text.equals("max")) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(text);
        return value >= V1_UNLIMITED_THRESHOLD ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static OptionalLong readLong(Path file) {
        return Files.exists(file) ? OptionalLong.of(Long.parseLong(read(file).trim())) : OptionalLong.empty();
    }

    /** The value of {@code key} in a flat keyed file such as {@code memory.events} ({@code key value} lines). */
    static OptionalLong readKeyed(Path file, String key) {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        for (String line : read(file).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return OptionalLong.of(Long.parseLong(parts[1]));
            }
        }
        return OptionalLong.empty();
    }

    /** The pids in a {@code cgroup.procs} file; none if the cgroup is already gone. */
    static List<Long> readPids(Path procsFile) {
        List<Long> pids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(procsFile, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        } catch (NoSuchFileException e) {
            return pids;
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not read " + procsFile + ": " + describe(e), e);
        }
        return pids;
    }

    /** The exception with the kernel's text: Java puts the errno string in the message of most I/O errors. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (EACCES/EPERM)";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists (EEXIST)";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (ENOENT)";
        }
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    static String remedyFor(IOException e) {
        String text = e instanceof java.nio.file.AccessDeniedException ? "AccessDenied" : String.valueOf(e.getMessage());
        if (text.contains("AccessDenied") || text.contains("Permission denied")
                || text.contains("Operation not permitted")) {
            return Remedies.PERMISSION;
        }
        if (text.contains("busy")) {
            return "The cgroup has processes in it or controllers enabled below it (cgroup v2 lets processes live"
                    + " only in leaves): choose a base cgroup without processes.";
        }
        return "";
    }
}
