package io.github.nsunit.internal.parent;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations in JUnit's timeout format: a positive number and a unit ns, μs, ms, s, m, h or d. */
final class TimeoutFormat {
    static final String ACCEPTED = "<number> [ns|μs|ms|s|m|h|d], e.g. \"30 s\" or \"5 m\"";
    private static final Pattern PATTERN = Pattern.compile("([1-9]\\d*) ?((?:[nμm]?s)|m|h|d)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private TimeoutFormat() {
    }

    static Optional<Duration> parse(String text) {
        Matcher matcher = PATTERN.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
        return Optional.of(switch (unit) {
            case "ns" -> Duration.ofNanos(value);
            case "μs" -> Duration.ofNanos(value * 1_000);
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        });
    }
}
