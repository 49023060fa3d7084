package io.github.nsunit.samples;

import io.github.nsunit.ExpectOutOfMemory;
import io.github.nsunit.Forked;
import io.github.nsunit.MemoryLimit;
import io.github.nsunit.MemoryUsage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Does my code survive in 256M, and when it does not, does it die the way I expect?" The child JVM is born in
 * a cgroup with the limit, so it sizes its heap from it exactly as it would in a container.
 */
class MemoryLimitSampleTest {
    private static final int MIB = 1024 * 1024;

    @Test
    @MemoryLimit("256M")
    void serviceSurvivesIn256M(MemoryUsage memory) {
        List<byte[]> cache = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            cache.add(new byte[MIB]); // a 60 MiB working set
        }
        assertThat(cache).hasSize(60);
        assertThat(memory.limitBytes()).hasValue(256L * MIB);
        assertThat(memory.peakBytes()).isLessThan(256L * MIB);
        System.out.printf("peak %d MiB of 256 MiB%n", memory.peakBytes() / MIB);
    }

    @Test
    @MemoryLimit("128M")
    void jvmSizesItsHeapFromTheLimit() {
        // HotSpot's default for small containers: half the limit
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(64L * MIB);
    }

    @Test
    @MemoryLimit("64M")
    @ExpectOutOfMemory(ExpectOutOfMemory.Kind.HEAP)
    void leakRunsOutOfHeap() {
        List<byte[]> leak = new ArrayList<>();
        while (true) {
            leak.add(new byte[MIB]);
        }
    }

    @Test
    @MemoryLimit("64M")
    @Forked(jvmArgs = "-XX:MaxDirectMemorySize=1g")
    @ExpectOutOfMemory(ExpectOutOfMemory.Kind.KILLED)
    void offHeapLeakIsKilledByTheKernel() {
        List<ByteBuffer> leak = new ArrayList<>();
        while (true) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(MIB);
            for (int i = 0; i < MIB; i += 4096) {
                buffer.put(i, (byte) 1); // touch every page: only touched pages are charged
            }
            leak.add(buffer);
        }
    }

    @Test
    @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
    void shortLivedGarbageDoesNotCountAgainstATestScopedLimit() {
        long checksum = 0;
        for (int i = 0; i < 200 * 16; i++) {
            byte[] garbage = new byte[64 * 1024]; // 200 MiB in all, twenty times the limit, none of it kept
            checksum += garbage.length;
        }
        assertThat(checksum).isEqualTo(200L * MIB);
    }

    @Test
    @MemoryLimit(value = "10M", scope = MemoryLimit.Scope.TEST)
    @ExpectOutOfMemory
    void retainingTwiceATestScopedLimitRunsOut() {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < 20 * 16; i++) {
            kept.add(new byte[64 * 1024]);
        }
        assertThat(kept).hasSize(320);
    }
}
