package io.github.nsunit.internal.cache;

import java.nio.file.Path;

/** Where nsunit keeps what outlives a run on purpose: {@code $XDG_CACHE_HOME/nsunit}, else {@code ~/.cache/nsunit}. */
public final class CacheDirectory {
    private CacheDirectory() {
    }

    public static Path path() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("nsunit");
    }
}
