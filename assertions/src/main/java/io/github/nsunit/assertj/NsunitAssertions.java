package io.github.nsunit.assertj;

import io.github.nsunit.RunResult;
import org.apiguardian.api.API;

/**
 * Entry point of nsunit's AssertJ assertions, for the results of {@link io.github.nsunit.Isolated} runs:
 *
 * <pre>{@code
 * import static io.github.nsunit.assertj.NsunitAssertions.assertThat;
 *
 * assertThat(Isolated.with().memoryLimit("64M").run(() -> cache.fillWithoutEviction()))
 *         .wasKilledByOomKiller();
 * assertThat(Isolated.run(() -> Cli.main("--frobnicate"))).exitedWith(2);
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NsunitAssertions {
    private NsunitAssertions() {
    }

    public static <T> RunResultAssert<T> assertThat(RunResult<T> actual) {
        return new RunResultAssert<>(actual);
    }
}
