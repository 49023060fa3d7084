package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Expects the test to run out of memory under its {@link MemoryLimit}: it passes only when that happened (in
 * the way {@link #value()} names), and fails otherwise, e.g. "expected to run out of memory under
 * {@code @MemoryLimit(64M)}, but the test completed; peak 31 MiB".
 *
 * <pre>{@code
 * @Test
 * @MemoryLimit("64M")
 * @ExpectOutOfMemory(ExpectOutOfMemory.Kind.KILLED)
 * void unboundedCacheIsKilled() {
 *     cache.fillWithoutEviction();
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface ExpectOutOfMemory {

    /** Which way of running out the test expects. */
    Kind value() default Kind.ANY;

    /** A way of running out of memory. */
    enum Kind {
        /** Either of the two below. */
        ANY,
        /** A {@link OutOfMemoryError} thrown in the child JVM (its heap, metaspace, direct buffers). */
        HEAP,
        /** The kernel's OOM killer killed the child because the cgroup reached its limit. */
        KILLED
    }
}
