package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM whose cgroup may hold at most this many tasks (processes and threads,
 * the JVM's own included): a fork bomb stops there. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @PidsLimit(64)
 * void cannotForkBomb() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface PidsLimit {

    /** The maximum number of tasks, from 24 (a JVM needs about 20 of its own threads) to 4194304 (the kernel's). */
    int value();
}
