package io.github.nsunit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a sample of durations in nanoseconds, reported in milliseconds. */
final class Stats {
    private final List<Long> sorted;

    Stats(List<Long> nanos) {
        sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    double medianMs() {
        return percentileMs(50);
    }

    double percentileMs(int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        if (copy.isEmpty()) {
            return Double.NaN;
        }
        int n = copy.size();
        return n % 2 == 1 ? copy.get(n / 2) : (copy.get(n / 2 - 1) + copy.get(n / 2)) / 2;
    }
}
