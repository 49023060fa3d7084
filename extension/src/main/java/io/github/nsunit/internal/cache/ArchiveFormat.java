package io.github.nsunit.internal.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * The kind of archive this JDK makes of what a child loads, and the options of each step: a training child
 * records what it loads, a dump JVM writes the archive from that record, a check JVM must map it, and every child
 * then starts from it.
 */
enum ArchiveFormat {
    /**
     * A static class-data-sharing archive of exactly the classes the training child loaded (JDK 17 to 24). It
     * replaces the JDK's default archive, most of whose ~1300 classes a child never loads: a trivial child's peak
     * 49.4 -> 47.0 MiB against a dynamic archive on top of the default one (bench/run).
     */
    STATIC_CDS(".jsa") {
        @Override
        List<String> record(Path record) {
            return List.of("-XX:DumpLoadedClassList=" + record);
        }

        @Override
        List<String> dump(Path record, Path archive) {
            return List.of("-Xshare:dump", "-XX:SharedClassListFile=" + record, "-XX:SharedArchiveFile=" + archive);
        }

        @Override
        List<String> check(Path archive) {
            return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive);
        }

        @Override
        List<String> use(Path archive) {
            return List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:SharedArchiveFile=" + archive);
        }
    },
    /**
     * An ahead-of-time cache (JDK 25, JEP 483): classes loaded and linked, and the lambda call sites JUnit links
     * by the hundred already resolved, which a class-data archive cannot hold. A child's CPU 184-196 -> 103-128
     * ms on JDK 25 (measured side by side, 10 children each).
     */
    AOT_CACHE(".aot") {
        @Override
        List<String> record(Path record) {
            return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + record);
        }

        @Override
        List<String> dump(Path record, Path archive) {
            return List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + record, "-XX:AOTCache=" + archive);
        }

        @Override
        List<String> check(Path archive) {
            return List.of("-XX:AOTMode=on", "-XX:AOTCache=" + archive);
        }

        @Override
        List<String> use(Path archive) {
            return List.of("-Xlog:cds=off", "-Xlog:aot=off", "-XX:AOTCache=" + archive);
        }
    };

    /** The file name suffix of this kind of archive in the cache directory. */
    final String suffix;

    ArchiveFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The kind the running JDK makes; the child always runs on the parent's JDK. */
    static ArchiveFormat forThisJdk() {
        return Runtime.version().feature() >= 25 ? AOT_CACHE : STATIC_CDS;
    }

    /** Options of the training child, which writes what it loads to {@code record}. */
    abstract List<String> record(Path record);

    /** Options of the JVM that writes {@code archive} from {@code record} and exits. */
    abstract List<String> dump(Path record, Path archive);

    /** Options of a JVM that fails unless it can map {@code archive}. */
    abstract List<String> check(Path archive);

    /**
     * Options of a child started from {@code archive}, first on its command so the user's own {@code -Xlog}
     * options win: an archive the JVM cannot map (e.g. the JVM chose another GC under a memory limit) must not
     * print a warning into the test's output; it only costs speed.
     */
    abstract List<String> use(Path archive);
}
