package io.github.nsunit.internal.text;

import java.util.Locale;

/** A number of bytes in words, for messages and report entries. */
public final class Bytes {
    private Bytes() {
    }

    /** {@code 31 MiB}, {@code 1.5 GiB}: binary units, one decimal where it matters. */
    public static String format(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
        }
        return mib >= 10 || mib == Math.rint(mib) ? Math.round(mib) + " MiB"
                : String.format(Locale.ROOT, "%.1f MiB", mib);
    }
}
