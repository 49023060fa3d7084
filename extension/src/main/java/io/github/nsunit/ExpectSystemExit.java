package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Expects the test to end its JVM with {@code System.exit(value)}: it passes when it does, and fails when it
 * exits with another status (naming it, with the stack of the call) or completes without exiting. Implies
 * {@link Forked}: the exit ends only the test's own child JVM.
 *
 * <pre>{@code
 * @Test
 * @ExpectSystemExit(2)
 * void rejectsUnknownOption() {
 *     Cli.main("--frobnicate");
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface ExpectSystemExit {

    /** The expected exit status. */
    int value();
}
