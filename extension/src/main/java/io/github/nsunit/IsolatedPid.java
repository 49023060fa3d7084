package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a new PID namespace with its own {@code /proc}: the test sees only
 * its own process tree, and everything it started dies with it.
 *
 * <pre>{@code
 * @Test
 * @IsolatedPid
 * void seesOnlyItsOwnProcesses() {
 *     assertThat(ProcessHandle.allProcesses().count()).isLessThan(5);
 *     assertThat(ProcessHandle.current().pid()).isLessThan(5);
 * }
 * }</pre>
 *
 * <p>PID 1 of the namespace is a small {@code sh} that waits for the child JVM (PID 2, or 3 or 4 after set-up
 * steps such as bringing up loopback or mounting a fresh {@code /tmp}) and exits with its status
 * (util-linux 2.38 misreports a child killed by SIGKILL). When it exits, the kernel kills every process left in
 * the namespace: nothing the test started outlives it. Orphans are re-parented to that {@code sh}, which reaps
 * them (measured: no zombies). Implies {@link Forked}.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedPid {
}
