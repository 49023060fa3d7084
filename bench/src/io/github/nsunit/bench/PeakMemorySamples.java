package io.github.nsunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the test JVMs of one mode recorded at exit (see PeakMemory in bench/testsrc): VmHWM, the peak resident
 * set, shared file pages (libjvm, class-data archives) included; and RssAnon, the private part at exit, which is
 * what each further JVM adds and what a cgroup with a warm page cache is charged.
 */
final class PeakMemorySamples {
    private final List<Double> peakMiB;
    private final List<Double> privateMiB;

    private PeakMemorySamples(List<Double> peakMiB, List<Double> privateMiB) {
        this.peakMiB = peakMiB;
        this.privateMiB = privateMiB;
    }

    static PeakMemorySamples none() {
        return new PeakMemorySamples(List.of(), List.of());
    }

    static PeakMemorySamples read(Path dir) throws IOException {
        List<Double> peak = new ArrayList<>();
        List<Double> anon = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("VmHWM:")) {
                        peak.add(kib(line) / 1024.0);
                    } else if (line.startsWith("RssAnon:")) {
                        anon.add(kib(line) / 1024.0);
                    }
                }
            }
        }
        return new PeakMemorySamples(peak, anon);
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("\\D", ""));
    }

    double medianPeakMiB() {
        return Stats.median(peakMiB);
    }

    double medianPrivateMiB() {
        return Stats.median(privateMiB);
    }

    String medianText() {
        return peakMiB.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f/%.1f", medianPeakMiB(),
                medianPrivateMiB());
    }
}
