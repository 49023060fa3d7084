package io.github.nsunit;

import org.apiguardian.api.API;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Installs a seccomp-bpf filter in the test's child JVM before the test body, on every thread of the JVM and
 * inherited by every process it starts: the named system calls fail with {@code EPERM}; all others work.
 * Implies {@link Forked}.
 *
 * <pre>{@code
 * @Test
 * @DenySyscalls({"mkdir", "mkdirat"})
 * void cannotCreateDirectories() {
 *     assertThatThrownBy(() -> Files.createDirectory(tmp.resolve("x"))).isInstanceOf(IOException.class);
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Forked
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface DenySyscalls {

    /** System call names as the kernel spells them ({@code mount}, {@code ptrace}), for this machine's architecture. */
    String[] value();
}
