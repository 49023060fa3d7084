package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a cgroup with this memory limit and no swap, like
 * {@code docker run --memory}. The child JVM is born in the cgroup, so it sizes its heap from the limit as it
 * would in a production container. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @MemoryLimit("256M")
 * void survivesIn256M() {
 *     new ReportGenerator().render(largeInput());
 * }
 * }</pre>
 *
 * <p>Running out of memory fails the test with the exact cause: the child's {@link OutOfMemoryError} with its
 * stack trace, or "killed by the kernel OOM killer" with the limit and the peak. Use {@link ExpectOutOfMemory}
 * when running out is what the test expects.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface MemoryLimit {

    /**
     * The limit: bytes, or a number with a binary unit K, M or G (case-insensitive, decimals allowed), e.g.
     * {@code "64M"}, {@code "1.5G"}, {@code "262144K"}; at least 36M for {@link Scope#PROCESS} (what a child JVM
     * needs to start), at least 4K (one page) for {@link Scope#TEST}.
     */
    String value();

    /** What the limit applies to. */
    Scope scope() default Scope.PROCESS;

    /** What a {@link MemoryLimit} limits. */
    enum Scope {
        /** The child JVM and everything it starts, from birth; the JVM sizes its heap from it. */
        PROCESS,
        /**
         * What the test itself may use on top of the started child: the limit is set just before the test body
         * to the child's usage at that moment plus the value.
         */
        TEST
    }
}
