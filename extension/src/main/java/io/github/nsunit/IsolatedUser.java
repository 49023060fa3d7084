package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a new user namespace in which the test is root (uid 0), mapped to
 * the invoking user outside: files it creates on the host belong to that user. Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @IsolatedUser
 * void isRootInside() throws Exception {
 *     assertThat(new com.sun.security.auth.module.UnixSystem().getUid()).isZero();
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedUser {
}
