package io.github.nsunit.internal.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Syscall name to number for one architecture, read from the table generated from the kernel UAPI headers
 * by {@code extension/src/build/generate-syscall-tables.sh}.
 */
final class SyscallTable {

    private final Architecture architecture;
    private final Map<String, Integer> numbers;

    private SyscallTable(Architecture architecture, Map<String, Integer> numbers) {
        this.architecture = architecture;
        this.numbers = Collections.unmodifiableMap(numbers);
    }

    /** The table of this JVM's architecture. */
    public static SyscallTable current() {
        return of(Architecture.current());
    }

    /** The table of {@code architecture}, read from the class path. */
    public static SyscallTable of(Architecture architecture) {
        String resource = architecture.kernelName() + ".syscalls";
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The syscall table " + resource + " is missing next to "
                        + SyscallTable.class.getName() + "; the nsunit jar is incomplete, rebuild it");
            }
            return new SyscallTable(architecture, parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the syscall table " + resource, e);
        }
    }

    private static Map<String, Integer> parse(BufferedReader reader) throws IOException {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            numbers.put(line.substring(0, space), Integer.parseInt(line.substring(space + 1).trim()));
        }
        return numbers;
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The number of {@code name}; IllegalArgumentException naming it, and the closest known name, if unknown. */
    public int number(String name) {
        Integer number = numbers.get(name);
        if (number == null) {
            throw new IllegalArgumentException("Unknown syscall \"" + name + "\" on " + architecture.kernelName()
                    + closestMatch(name).map(match -> "; did you mean \"" + match + "\"?").orElse("")
                    + " (names as in the kernel's unistd.h without __NR_, e.g. \"mkdirat\", \"ptrace\")");
        }
        return number;
    }

    /** The name of syscall {@code number}, if this architecture has one. */
    public Optional<String> name(int number) {
        return numbers.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst();
    }

    /** All names and numbers, in number order. */
    public Map<String, Integer> asMap() {
        return numbers;
    }

    // A name that extends the unknown one (mkdir -> mkdirat on aarch64, which only has the *at calls) beats
    // one a typo away (mkdri -> mkdir); nothing further than two edits is suggested.
    Optional<String> closestMatch(String name) {
        Optional<String> extension = numbers.keySet().stream()
                .filter(known -> known.startsWith(name) && known.length() - name.length() <= 2)
                .min(Comparator.comparingInt(String::length));
        if (extension.isPresent()) {
            return extension;
        }
        return numbers.keySet().stream()
                .filter(known -> editDistance(name, known) <= 2)
                .min(Comparator.comparingInt((String known) -> editDistance(name, known)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
