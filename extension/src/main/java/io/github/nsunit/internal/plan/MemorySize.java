package io.github.nsunit.internal.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as users write them: bytes, or a number with a binary unit K, M or G ({@code "1.5G"}). */
final class MemorySize {
    public static final String ACCEPTED = "<number>[K|M|G], e.g. \"64M\", \"1.5G\" or \"262144K\" (binary units)";
    private static final Pattern PATTERN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]?)(?:I?B)?",
            Pattern.CASE_INSENSITIVE);
    private static final long MIB = 1024 * 1024;

    private MemorySize() {
    }

    /**
     * The size in bytes, rounded down to whole bytes ({@code "0.5"} is 0, {@code "0.9K"} 921), or empty when the
     * text is not a size greater than zero; what is too small to be a limit is for the caller to say.
     */
    public static Optional<Long> parse(String text) {
        Matcher matcher = PATTERN.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        long unit = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1024L;
            case "M" -> MIB;
            case "G" -> 1024L * MIB;
            default -> 1L;
        };
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return Optional.empty();
        }
        return Optional.of(bytes.longValue());
    }

    /** {@code 64 MiB}, {@code 1.5 GiB}, {@code 512 KiB}: for messages. */
    public static String format(long bytes) {
        if (bytes >= 1024 * MIB) {
            return trim(bytes / (1024.0 * MIB)) + " GiB";
        }
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + " MiB";
        }
        if (bytes >= 1024) {
            return trim(bytes / 1024.0) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
