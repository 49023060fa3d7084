package io.github.nsunit.internal.linux;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads {@link LibC} through jnr-ffi on first use only.
 *
 * <p>The JVM initialises the nested class the first time {@link #libc()} runs, so merely loading the step
 * classes costs nothing; a child that needs no native step never loads jnr-ffi at all.
 */
public final class LibCHolder {

    private LibCHolder() {
    }

    /** The bound library; the first call loads jnr-ffi and binds the symbols. */
    public static LibC libc() {
        return Loaded.LIBC;
    }

    /** The jnr runtime the library was bound in, for memory allocation and errno. */
    public static Runtime runtime() {
        return Loaded.RUNTIME;
    }

    /**
     * jnr-ffi reads this once, when its loader class initialises. By default it generates an invoker class per
     * interface with ASM; its reflective invoker skips that, which made loading plus the first call ~100 ms
     * instead of ~170 ms in a fresh JVM here, at ~8 us instead of ~1 us per call: nothing for a handful of
     * calls. A value the user set (for jnr-ffi code of their own in the child) is left alone.
     */
    static final String ASM_ENABLED_PROPERTY = "jnr.ffi.asm.enabled";

    private static final class Loaded {
        static final LibC LIBC = load();
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

        private static LibC load() {
            if (System.getProperty(ASM_ENABLED_PROPERTY) == null) {
                System.setProperty(ASM_ENABLED_PROPERTY, "false");
            }
            try {
                return LibraryLoader.create(LibC.class).load("c");
            } catch (LinkageError | RuntimeException e) {
                throw new IllegalStateException("Could not bind glibc through jnr-ffi (" + e
                        + "): nsunit's namespace and seccomp steps need a glibc-based Linux on x86_64 or aarch64 "
                        + "and jnr-ffi with its jffi native library on the class path", e);
            }
        }
    }
}
