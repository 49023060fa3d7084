package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM whose cgroup may use at most this many CPU cores (a CFS quota), like
 * {@code docker run --cpus}. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @CpuLimit(0.5)
 * void survivesOnHalfACore() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface CpuLimit {

    /** Cores, from 0.01 to 175921860 (the kernel's CFS quota range), e.g. {@code 0.5} or {@code 2}. */
    double value();
}
