package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an isolated test does where the host cannot give it the isolation it asks for (not Linux, namespaces
 * refused, no cgroup to limit): fail with the reason and the remedies, or skip with the same words as the
 * reason in the report. On a test method, a class (its tests and {@code @Nested} ones) or a meta-annotation;
 * the nearest one wins, and any one wins over the run-wide {@value NsunitProperties#UNAVAILABLE}. Like
 * Testcontainers' {@code disabledWithoutDocker}: {@code @WhenUnavailable(SKIP)} on a class that must run in
 * Linux CI but may be skipped on a developer's Mac.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface WhenUnavailable {
    Action value();

    /** Fail (the default without any setting) or skip. */
    enum Action {
        FAIL, SKIP
    }
}
