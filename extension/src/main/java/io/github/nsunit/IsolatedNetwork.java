package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a new network namespace whose only interface is loopback, brought
 * up: a server bound to 127.0.0.1 in the test accepts connections from the test, and nothing outside the
 * namespace is reachable. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @IsolatedNetwork
 * void hasPrivateLoopback() throws IOException {
 *     try (ServerSocket server = new ServerSocket(8080, 50, InetAddress.getLoopbackAddress())) {
 *         // port 8080 is this test's own: no clash with anything on the host
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedNetwork {
}
