package io.github.nsunit.internal.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cgroup hierarchies this process can see, per controller, read from {@code /proc/self/mountinfo}: hosts
 * may be pure v1, pure v2 or hybrid (v1 controllers plus a controller-less v2 hierarchy), so each controller
 * is looked up on its own.
 */
final class CgroupLayout {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path SELF_CGROUP = Path.of("/proc/self/cgroup");

    private final List<CgroupMount> mounts;
    /** Lines of {@code /proc/self/cgroup}: {@code id:controllers:path}. */
    private final List<String> selfCgroupLines;

    private CgroupLayout(List<CgroupMount> mounts, List<String> selfCgroupLines) {
        this.mounts = List.copyOf(mounts);
        this.selfCgroupLines = List.copyOf(selfCgroupLines);
    }

    static CgroupLayout ofThisProcess() {
        try {
            return parse(Files.readString(MOUNTINFO), Files.readString(SELF_CGROUP));
        } catch (IOException e) {
            throw new CgroupUnavailableException("Could not read " + MOUNTINFO + " or " + SELF_CGROUP
                    + " to find the cgroup hierarchies: " + e + ". nsunit's cgroup limits need Linux with /proc mounted.",
                    e);
        }
    }

    /** Parses the two files; a v2 hierarchy's controllers are read from its {@code cgroup.controllers}. */
    static CgroupLayout parse(String mountinfo, String selfCgroup) {
        List<CgroupMount> mounts = new ArrayList<>();
        Set<String> seenV1Controllers = new LinkedHashSet<>();
        boolean seenV2 = false;
        for (String line : mountinfo.split("\n")) {
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length < 5 || after.length < 3) {
                continue;
            }
            String root = unescape(before[3]);
            Path mountPoint = Path.of(unescape(before[4]));
            String fsType = after[0];
            if (fsType.equals("cgroup2") && !seenV2) {
                seenV2 = true;
                mounts.add(new CgroupMount(mountPoint, root, CgroupVersion.V2, readV2Controllers(mountPoint)));
            } else if (fsType.equals("cgroup")) {
                Set<String> controllers = Arrays.stream(after[2].split(","))
                        .filter(option -> Arrays.stream(Controller.values()).anyMatch(c -> c.kernelName().equals(option)))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                // The same hierarchy may be mounted twice (bind mounts); the first mount is enough.
                if (!controllers.isEmpty() && controllers.stream().noneMatch(seenV1Controllers::contains)) {
                    seenV1Controllers.addAll(controllers);
                    mounts.add(new CgroupMount(mountPoint, root, CgroupVersion.V1, Set.copyOf(controllers)));
                }
            }
        }
        return new CgroupLayout(mounts, Arrays.asList(selfCgroup.split("\n")));
    }

    private static Set<String> readV2Controllers(Path mountPoint) {
        try {
            String text = Files.readString(mountPoint.resolve("cgroup.controllers")).trim();
            return text.isEmpty() ? Set.of() : Set.of(text.split("\\s+"));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as three octal digits. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    List<CgroupMount> mounts() {
        return mounts;
    }

    /** The hierarchy that carries {@code controller}: a v1 mount of it wins, as the kernel binds it there. */
    Optional<CgroupMount> mountFor(Controller controller) {
        return mounts.stream().filter(m -> m.carries(controller)).findFirst();
    }

    /** The v2 hierarchy, with or without controllers (on hybrid hosts it only tracks and kills processes). */
    Optional<CgroupMount> unified() {
        return mounts.stream().filter(CgroupMount::isV2).findFirst();
    }

    /** True when every controller lives in the v2 hierarchy and no v1 hierarchy is mounted. */
    boolean isPureV2() {
        return !mounts.isEmpty() && mounts.stream().allMatch(CgroupMount::isV2);
    }

    /** The directory of this process's own cgroup in {@code mount}, if it lies inside what is mounted. */
    Optional<Path> ownCgroup(CgroupMount mount) {
        for (String line : selfCgroupLines) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            boolean matches = mount.isV2()
                    ? parts[0].equals("0") && parts[1].isEmpty()
                    : Arrays.stream(parts[1].split(",")).anyMatch(mount.controllers()::contains);
            if (!matches) {
                continue;
            }
            String path = parts[2];
            String root = mount.mountRoot();
            if (root.equals("/")) {
                return Optional.of(mount.mountPoint().resolve(path.substring(1)));
            }
            if (path.equals(root) || path.startsWith(root + "/")) {
                return Optional.of(mount.mountPoint().resolve(path.substring(root.length()).replaceFirst("^/", "")));
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return mounts.isEmpty() ? "no cgroup hierarchy mounted"
                : mounts.stream().map(CgroupMount::toString).collect(Collectors.joining("; "));
    }
}
