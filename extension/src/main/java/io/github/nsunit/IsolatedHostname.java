package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a new UTS namespace with the given hostname; the host's hostname is
 * untouched. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @IsolatedHostname("test-box")
 * void hasItsOwnHostname() throws IOException {
 *     assertThat(InetAddress.getLocalHost().getHostName()).isEqualTo("test-box");
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedHostname {

    /** The hostname inside the namespace: 1 to 64 characters, letters, digits, {@code -} and {@code .}. */
    String value();
}
