package io.github.nsunit;

import org.apiguardian.api.API;

import java.util.concurrent.Callable;

/**
 * Runs a piece of code in a fresh child JVM from a normal, in-process test, and tells how it ended instead of
 * ending the test: returned, threw, called {@code System.exit}, ran out of memory, was OOM-killed, timed out,
 * was killed or crashed.
 *
 * <pre>{@code
 * RunResult<Integer> result = Isolated.with()
 *         .memoryLimit("64M")
 *         .isolatedPid()
 *         .timeout(Duration.ofSeconds(30))
 *         .call(() -> new Parser().parse(hugeInput()).size());
 * assertThat(result.ending()).isEqualTo(RunResult.Ending.HEAP_OUT_OF_MEMORY);
 * }</pre>
 *
 * <p>The task is serialized and sent to the child, so a lambda may capture only serializable values (a lambda
 * that uses a field or method of the test captures the test instance: copy what it needs into local variables).
 * The child is the same {@code java}, class path and system properties as this JVM; see {@link IsolatedRun} for
 * the options.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Isolated {
    private Isolated() {
    }

    /** Options for a run, starting from the defaults: no limits, no namespaces, a 10-minute timeout. */
    public static IsolatedRun with() {
        return IsolatedRun.DEFAULTS;
    }

    /** Runs {@code task} in a child JVM with the default options. */
    public static RunResult<Void> run(SerializableRunnable task) {
        return IsolatedRun.DEFAULTS.run(task);
    }

    /** Calls {@code task} in a child JVM with the default options and brings back what it returns. */
    public static <T> RunResult<T> call(SerializableCallable<T> task) {
        return IsolatedRun.DEFAULTS.call(task);
    }

    /** Creates a {@code type} with its no-arg constructor in a child JVM with the default options and runs it. */
    public static RunResult<Void> run(Class<? extends Runnable> type) {
        return IsolatedRun.DEFAULTS.run(type);
    }

    /** Creates a {@code type} with its no-arg constructor in a child JVM with the default options and calls it. */
    public static <T> RunResult<T> call(Class<? extends Callable<T>> type) {
        return IsolatedRun.DEFAULTS.call(type);
    }
}
