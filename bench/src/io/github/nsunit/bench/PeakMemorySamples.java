package io.github.nsunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The VmHWM figures the test JVMs of one mode recorded at exit (see PeakMemory in bench/testsrc). */
final class PeakMemorySamples {
    private final List<Double> mib;

    private PeakMemorySamples(List<Double> mib) {
        this.mib = mib;
    }

    static PeakMemorySamples none() {
        return new PeakMemorySamples(List.of());
    }

    static PeakMemorySamples read(Path dir) throws IOException {
        List<Double> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("VmHWM:")) {
                        values.add(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                    }
                }
            }
        }
        return new PeakMemorySamples(values);
    }

    double medianMiB() {
        return Stats.median(mib);
    }

    String medianText() {
        return mib.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", medianMiB());
    }
}
