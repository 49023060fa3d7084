package io.github.nsunit.internal.namespace;

import io.github.nsunit.NsunitProperties;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configured way to get namespaces: probe the host ({@code auto}) or force one {@link Privilege}. */
public final class Strategy {

    /** The configuration parameter that selects the strategy. */

    public static final Strategy AUTO = new Strategy(null);

    private final Privilege forced;

    private Strategy(Privilege forced) {
        this.forced = forced;
    }

    public static Strategy forcing(Privilege privilege) {
        return new Strategy(privilege);
    }

    /** Parses {@code auto|direct|user-namespace|sudo} (case and surrounding blanks ignored). */
    public static Strategy parse(String value) {
        String normalized = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("auto")) {
            return AUTO;
        }
        for (Privilege privilege : Privilege.values()) {
            if (privilege.configName().equals(normalized)) {
                return forcing(privilege);
            }
        }
        throw new IllegalArgumentException(String.format(
                "%s=\"%s\" is not a namespace strategy: expected one of %s", NsunitProperties.NAMESPACE_STRATEGY, value, acceptedValues()));
    }

    private static String acceptedValues() {
        List<String> names = Arrays.stream(Privilege.values()).map(Privilege::configName).collect(Collectors.toList());
        names.add(0, "auto");
        return String.join(", ", names);
    }

    /** The privileges to try, in order: all of them for {@code auto}, else only the forced one. */
    public List<Privilege> candidates() {
        return forced == null ? List.of(Privilege.values()) : List.of(forced);
    }

    public Optional<Privilege> forced() {
        return Optional.ofNullable(forced);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Strategy && ((Strategy) other).forced == forced;
    }

    @Override
    public int hashCode() {
        return forced == null ? 0 : forced.hashCode();
    }

    @Override
    public String toString() {
        return forced == null ? "auto" : forced.configName();
    }
}
