package io.github.nsunit;

import io.github.nsunit.internal.extension.IsolationExtension;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs each test method in a fresh child JVM of its own, never reused for another test.
 *
 * <pre>{@code
 * @Forked
 * class GlobalStateTest {
 *     @Test
 *     void mutatesStaticState() {
 *         Config.global().set("mode", "test"); // gone when the test ends: the JVM ends with it
 *     }
 * }
 * }</pre>
 *
 * <p>The child is the same {@code java} with the same class path, JUnit configuration parameters, user-defined
 * system properties, working directory and environment. It runs the test's whole lifecycle: {@code @BeforeAll},
 * {@code @BeforeEach}, the test, {@code @AfterEach}, {@code @AfterAll}; the parent skips the {@code @BeforeEach}
 * and {@code @AfterEach} methods and the test body, and skips {@code @BeforeAll}/{@code @AfterAll} when this
 * annotation is on the class. The child's result, with its original exception, becomes the test's result; its
 * output is relayed to {@code System.out}/{@code System.err}.
 *
 * <p>Usable on a method, a class (all its tests, including {@code @Nested} ones) and as a meta-annotation.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IsolationExtension.class)
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Forked {

    /**
     * Options added to the child JVM's command line, after the run-wide {@value #CHILD_JVM_ARGS_PROPERTY_NAME},
     * e.g. {@code @Forked(jvmArgs = {"-Xmx64m", "-Dfeature=on"})}.
     */
    String[] jvmArgs() default {};

    /**
     * Configuration parameter: options added to every child JVM of the run, separated by whitespace, e.g.
     * {@code nsunit.child.jvm-args=-ea -Xss512k}; a value with spaces goes in double or single quotes
     * ({@code -Dgreeting="hello world"} or {@code '-Dgreeting=hello world'}), which are removed. Each word must be
     * an option (start with {@code -}, or be an {@code @argfile}): anything else is refused, since the child would
     * take it for its main class.
     */
    String CHILD_JVM_ARGS_PROPERTY_NAME = "nsunit.child.jvm-args";

    /**
     * Configuration parameter: how long a child may run before nsunit dumps its threads and kills it, in
     * JUnit's timeout format ({@code 30 s}, {@code 5 m}, {@code 500 ms}). Default {@code 10 m}. A test with
     * {@code @Timeout} gets that timeout plus 30 s instead, so JUnit's own timeout fires first in the child.
     */
    String CHILD_TIMEOUT_PROPERTY_NAME = "nsunit.child.timeout";

    /**
     * Configuration parameter: {@code true} (default) starts children with JVM options that favour a short
     * life ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -XX:CompileThresholdScaling=5},
     * each left out where your own options choose otherwise); {@code false} starts them with the JVM's defaults.
     */
    String CHILD_FAST_START_PROPERTY_NAME = "nsunit.child.fast-start";

    /**
     * Configuration parameter: {@code true} (default) starts children with a class-data-sharing archive of the
     * classes every child loads (JUnit's launcher and engine, nsunit), which saves about a third of a child's
     * start-up. The archive is made by a training child the first time a JDK, set of JUnit/nsunit jars and JVM
     * options is seen (about a second, once), and cached in
     * {@value #CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME}. To use it, JUnit's and nsunit's jars go first
     * on the child's class path. {@code false} starts children with the JDK's default archive only.
     */
    String CHILD_CLASS_DATA_SHARING_PROPERTY_NAME = "nsunit.child.class-data-sharing";

    /**
     * Configuration parameter: where class-data-sharing archives are cached. Default
     * {@code $XDG_CACHE_HOME/nsunit/cds}, else {@code ~/.cache/nsunit/cds}. Archives unused for 14 days are
     * deleted. Used only if it is the user's own directory that no one else can write to or replace; otherwise
     * children start without an archive, with a warning.
     */
    String CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME = "nsunit.child.class-data-sharing.directory";

    /**
     * Configuration parameter: {@code true} (default) starts the child for the next test while the current one
     * runs, so its JVM start-up overlaps with the test. Each child still runs exactly one test; a spare is used
     * only by a test whose child command is identical (same options, system properties, isolation, cgroup
     * limits). A spare for a limited test is born in a cgroup of its own with the same limits, so its heap is
     * sized as a fresh child's would be.
     */
    String CHILD_PRESTART_PROPERTY_NAME = "nsunit.child.prestart";

    /**
     * Configuration parameter: how many children to start ahead (default 2, from 1 to 8), so on several cores
     * the next tests' children boot side by side; each waiting child holds some 50 MiB. Only with
     * {@value #CHILD_PRESTART_PROPERTY_NAME}.
     */
    String CHILD_PRESTART_COUNT_PROPERTY_NAME = "nsunit.child.prestart.count";

    /**
     * Configuration parameter: {@code true} (default) lets a child started ahead of its test run nsunit's own
     * trivial test through a launcher of its own while it waits, so JUnit's one-time start-up in that JVM is
     * done before the test arrives. The warm-up sees none of your listeners, extensions or configuration;
     * {@code false} leaves the child idle until its test arrives. Only with {@value #CHILD_PRESTART_PROPERTY_NAME}.
     */
    String CHILD_WARM_UP_PROPERTY_NAME = "nsunit.child.warm-up";

    /**
     * Configuration parameter: what happens when a test leaves processes running as it ends (its child JVM's
     * descendants; with {@link IsolatedPid}, every other process of its PID namespace): {@code warn} (default)
     * prints {@code [nsunit] Demo.x() left 2 processes running: 17 sleep 300, ...} to the test's output;
     * {@code fail} fails the test with that message; {@code ignore} says nothing. They are killed either way.
     */
    String LEAKS_PROPERTY_NAME = "nsunit.leaks";

    /**
     * Configuration parameter: how long to keep a child whose test failed or timed out alive before it is
     * killed, in JUnit's timeout format (e.g. {@code 120 s}), so you can enter it: the test's output then shows
     * the {@code nsenter} command for its namespaces and its cgroup. Off by default; for debugging only.
     */
    String DEBUG_HOLD_PROPERTY_NAME = "nsunit.debug.hold";

    /**
     * Configuration parameter: a port ({@code 5005}) or {@code host:port} on which each isolated test's child
     * JVM waits, suspended before its test runs, for a debugger to attach (JDWP): the test's output says where
     * to attach. Spares are not started while it is set, and nsunit's child timeout does not apply. Off by
     * default; for debugging only, one test at a time (each child listens on the same port).
     */
    String DEBUG_JDWP_PROPERTY_NAME = "nsunit.debug.jdwp";

    /**
     * Configuration parameter: {@code true} (default) puts a child that asks for no limits into a cgroup of its
     * own anyway where nsunit may create one without sudo (root, a delegated cgroup v2 subtree, a configured
     * base), so what it starts, also what detaches from its process tree, dies with the test (a few ms a test,
     * measured); {@code false} relies on the child's process tree.
     */
    String CHILD_TRACKING_CGROUP_PROPERTY_NAME = "nsunit.child.tracking-cgroup";
}
