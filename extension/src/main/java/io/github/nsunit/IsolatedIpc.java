package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test in a fresh child JVM inside a new IPC namespace: System V IPC objects and POSIX message queues
 * of the host are invisible, and those the test creates vanish with it. Implies {@link Forked}.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface IsolatedIpc {
}
