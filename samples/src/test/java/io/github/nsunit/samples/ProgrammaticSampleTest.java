package io.github.nsunit.samples;

import io.github.nsunit.Isolated;
import io.github.nsunit.RunResult;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.nsunit.assertj.NsunitAssertions.assertThat;

/**
 * The programmatic API: a normal, in-process test runs a piece of code in an isolated child JVM and asserts on
 * how it ended, several times in one test if it likes, with different limits each time.
 */
class ProgrammaticSampleTest {
    private static final int MIB = 1024 * 1024;

    /** A command-line tool's entry point, as users write them. */
    static final class Cli {
        static int main(String... args) {
            if (args.length == 0) {
                System.err.println("usage: cli <file>");
                System.exit(2);
            }
            return args.length;
        }
    }

    @Test
    void cliExitsWithUsageAndOtherwiseReturns() {
        assertThat(Isolated.run(() -> Cli.main())).exitedWith(2).stderr().contains("usage: cli <file>");
        assertThat(Isolated.call(() -> Cli.main("a.txt", "b.txt"))).returned(2);
    }

    @Test
    void cacheFitsIn128MButAnOffHeapLeakIsKilled() {
        RunResult<Integer> fits = Isolated.with().memoryLimit("128M").call(() -> {
            List<byte[]> cache = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                cache.add(new byte[MIB]);
            }
            return cache.size();
        });
        assertThat(fits).returned(32).peakMemory().isLessThan(128L * MIB);
        System.out.println("cache of 32 MiB: " + fits + ", peak " + fits.peakMemoryBytes().getAsLong() / MIB + " MiB");

        RunResult<Void> leak = Isolated.with().memoryLimit("64M").jvmArgs("-XX:MaxDirectMemorySize=1g").run(() -> {
            List<ByteBuffer> buffers = new ArrayList<>();
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(MIB);
                for (int i = 0; i < MIB; i += 4096) {
                    buffer.put(i, (byte) 1); // only touched pages are charged
                }
                buffers.add(buffer);
            }
        });
        assertThat(leak).ranOutOfMemory().wasKilledByOomKiller();
    }

    @Test
    void pidNamespaceAndTimeout() {
        assertThat(Isolated.with().isolatedPid().call(() -> ProcessHandle.current().pid()))
                .returnedValue().matches(pid -> pid <= 3, "a pid of a fresh namespace");
        assertThat(Isolated.with().timeout(Duration.ofSeconds(2)).run(() -> Thread.sleep(60_000))).timedOut();
    }
}
