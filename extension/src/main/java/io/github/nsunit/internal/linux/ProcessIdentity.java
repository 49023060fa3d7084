package io.github.nsunit.internal.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who this process is, read from {@code /proc/self/status}: effective uid and gid, supplementary groups, and
 * whether CAP_SYS_ADMIN is in the effective set. The JDK exposes none of these without native code.
 */
public record ProcessIdentity(long uid, long gid, List<Long> groups, boolean hasSysAdmin) {

    /** Bit 21 of the capability sets: CAP_SYS_ADMIN, which unshare(2) needs for every namespace but the user one. */
    static final int CAP_SYS_ADMIN = 21;

    public ProcessIdentity {
        groups = List.copyOf(groups);
    }

    /** The identity of this JVM. */
    public static ProcessIdentity current() {
        Path status = Path.of("/proc/self/status");
        try {
            return parse(Files.readString(status));
        } catch (IOException e) {
            throw new UncheckedIOException("nsunit cannot read " + status + " to learn its uid and capabilities: " + e, e);
        }
    }

    /** Parses the text of a {@code /proc/<pid>/status} file. */
    static ProcessIdentity parse(String status) {
        long uid = -1;
        long gid = -1;
        List<Long> groups = List.of();
        boolean sysAdmin = false;
        for (String line : status.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            switch (key) {
                case "Uid":
                    uid = Long.parseLong(fields[1]); // real, effective, saved, filesystem: the effective one acts
                    break;
                case "Gid":
                    gid = Long.parseLong(fields[1]);
                    break;
                case "Groups":
                    groups = Arrays.stream(fields).filter(f -> !f.isEmpty()).map(Long::valueOf).collect(Collectors.toList());
                    break;
                case "CapEff":
                    sysAdmin = new BigInteger(fields[0], 16).testBit(CAP_SYS_ADMIN);
                    break;
                default:
                    break;
            }
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("no Uid:/Gid: lines in the process status text:\n" + status);
        }
        return new ProcessIdentity(uid, gid, groups, sysAdmin);
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
