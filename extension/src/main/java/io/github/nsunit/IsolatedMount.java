package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a private mount namespace (propagation private): mounts the test
 * makes never reach the host. By default the test also gets a fresh, empty {@code /tmp} (a tmpfs of its own).
 * Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @IsolatedMount
 * void hasItsOwnTmp() throws IOException {
 *     assertThat(Files.list(Path.of("/tmp"))).isEmpty();
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedMount {

    /** Whether the test gets a fresh, empty tmpfs on {@code /tmp}. */
    boolean freshTmp() default true;
}
