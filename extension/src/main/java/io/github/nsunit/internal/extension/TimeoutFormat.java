package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.plan.IsolationRules;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations in JUnit's timeout format: a positive number and a unit ns, μs, ms, s, m, h or d, up to
 * {@link IsolationRules#MAX_TIMEOUT}, the longest a watchdog deadline on the nanosecond clock can hold.
 */
final class TimeoutFormat {
    static final Duration MAX = IsolationRules.MAX_TIMEOUT;
    static final String ACCEPTED = "<number> [ns|μs|ms|s|m|h|d] up to 36500 d, e.g. \"30 s\" or \"5 m\"";
    private static final Pattern PATTERN = Pattern.compile("([1-9]\\d*) ?((?:[nμm]?s)|m|h|d)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private TimeoutFormat() {
    }

    /** Whether the text is written in the format, whatever its length: JUnit ignores any other text. */
    static boolean inFormat(String text) {
        return PATTERN.matcher(text.strip()).matches();
    }

    /** The duration, or empty when the text is not one or is longer than {@link #MAX}. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = PATTERN.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        // in BigInteger: the number alone may exceed a long ("99999999999999999999 s")
        BigInteger nanos = new BigInteger(matcher.group(1)).multiply(BigInteger.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigInteger.valueOf(MAX.toNanos())) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValueExact()));
    }
}
