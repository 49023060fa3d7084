package io.github.nsunit.internal.cgroup;

import java.nio.file.Path;

/** A cgroup directory together with the hierarchy it lives in, which decides the file names to use. */
record CgroupDir(Path path, CgroupMount mount) {

    Path file(String name) {
        return path.resolve(name);
    }

    Path procsFile() {
        return path.resolve("cgroup.procs");
    }
}
