package io.github.nsunit.internal.text;

import java.time.Duration;

/** Durations the way people write them: {@code 500 ms}, {@code 30 s}, {@code 10 min}. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + " s";
        }
        return String.format("%.1f s", millis / 1000.0);
    }
}
