package io.github.nsunit.internal.cgroup;

import io.github.nsunit.internal.linux.PidNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a run's parent cgroup, {@code nsunit-<pid>-<starttime>-<pid namespace>-<random>}: the pid and
 * its start time (in clock ticks since boot, from {@code /proc/<pid>/stat}) identify the owning JVM even after
 * its pid is reused, so a later run can tell that the owner is dead and clean up after it. The pid is that of
 * the owner's PID namespace (its inode), and only a run of the same namespace can judge it: a run inside an
 * isolated test does not see the outer run's pid at all.
 */
record RunDirectoryName(long pid, long startTicks, long pidNamespace, String random) {

    private static final Pattern FORMAT = Pattern.compile("nsunit-(\\d+)-(\\d+)-(\\d+)-([0-9a-f]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    static RunDirectoryName forThisProcess() {
        long pid = ProcessHandle.current().pid();
        long ticks = startTicks(pid).orElseThrow(() -> new CgroupUnavailableException(
                "Could not read the start time of this JVM (pid " + pid + ") from /proc/" + pid + "/stat"));
        long namespace = PidNamespace.current().orElseThrow(() -> new CgroupUnavailableException(
                "Could not read this JVM's PID namespace from /proc/self/ns/pid"));
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return new RunDirectoryName(pid, ticks, namespace, HexFormat.of().formatHex(bytes));
    }

    static Optional<RunDirectoryName> parse(String name) {
        Matcher m = FORMAT.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunDirectoryName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), m.group(4)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True while the process that made this directory still runs (same pid, same start time). */
    boolean ownerAlive() {
        return startTicks(pid).equals(OptionalLong.of(startTicks));
    }

    /**
     * True only if the owner is provably gone: its pid belongs to this process's PID namespace and no longer
     * runs with the same start time. A name from another namespace (an outer run, seen from inside an isolated
     * test) is never judged dead.
     */
    boolean provablyDead() {
        return PidNamespace.current().equals(OptionalLong.of(pidNamespace)) && !ownerAlive();
    }

    @Override
    public String toString() {
        return "nsunit-" + pid + "-" + startTicks + "-" + pidNamespace + "-" + random;
    }

    /** Field 22 of {@code /proc/<pid>/stat}; the command name (field 2) may hold spaces, so count from its ')'. */
    static OptionalLong startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[22 - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
