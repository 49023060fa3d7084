package io.github.nsunit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cleanup that fails (a cgroup that cannot be removed) ends no test and replaces no verdict: a spare's ends
 * no test running in a child started beside it (which the kernel would kill with the thread that started them
 * both), and a test's own is reported beside the test's result.
 *
 * <p>The seam is the kernel's own refusal: a file system mounted inside a memory cgroup makes its removal fail
 * with EBUSY, as a cgroup kept busy by the host would.
 */
class CleanupFailureTests {
    private static final String DIR = "nsunit.test.cleanup-dir";

    @Test
    void aSpareWhoseCgroupCannotBeRemovedEndsNoOtherTest() throws Exception {
        Path dir = Files.createTempDirectory("nsunit-cleanup-");
        System.setProperty(DIR, dir.toString());
        List<Path> pins = new ArrayList<>();
        try {
            CompletableFuture<EngineRun> running = CompletableFuture.supplyAsync(() -> EngineRun.of(LongTestCase.class));
            awaitReady(dir);
            List<Path> own = Host.cgroupDirectories(Files.readString(dir.resolve("running")));
            for (Path leaf : Host.nsunitLeafCgroups()) {
                if (leaf.startsWith("/sys/fs/cgroup/memory") && !own.contains(leaf)) {
                    pins.add(pin(leaf));
                }
            }
            assertThat(pins).as("spares of the running test's kind to pin").isNotEmpty();

            // a test of another kind: where the spares of the first kind were closed on the starting thread, the
            // failed close ended that thread and the kernel killed the running test's child with it
            EngineRun.of(OtherKindTestCase.class).results.testEvents().assertStatistics(s -> s.succeeded(1));
            Files.createFile(dir.resolve("go"));

            running.get(60, TimeUnit.SECONDS).results.testEvents().assertStatistics(s -> s.succeeded(2));
        } finally {
            unpin(pins);
            clear(dir);
        }
        assertThat(Host.nsunitLeafCgroups()).as("cgroups left after the run").isEmpty();
    }

    @Test
    void aTestWhoseCgroupCannotBeRemovedKeepsItsOwnVerdictWithTheProblemBesideIt() throws Exception {
        Path dir = Files.createTempDirectory("nsunit-cleanup-");
        System.setProperty(DIR, dir.toString());
        List<Path> pins = new ArrayList<>();
        try {
            CompletableFuture<EngineRun> running = CompletableFuture.supplyAsync(
                    () -> EngineRun.of(WaitsTestCase.class, Map.of(Forked.CHILD_PRESTART_PROPERTY_NAME, "false")));
            awaitReady(dir);
            for (Path own : Host.cgroupDirectories(Files.readString(dir.resolve("running")))) {
                if (own.startsWith("/sys/fs/cgroup/memory")) {
                    pins.add(pin(own));
                }
            }
            assertThat(pins).as("the test's memory cgroup to pin").hasSize(1);
            Files.createFile(dir.resolve("go"));

            EngineRun run = running.get(60, TimeUnit.SECONDS);
            run.results.testEvents().assertStatistics(s -> s.succeeded(1));
            assertThat(run.stderr).contains("[nsunit] could not clean up after CleanupFailureTests.WaitsTestCase"
                    + ".runsUntilToldToEnd(): Could not remove cgroup directories: " + pins.get(0));
            assertThat(run.entriesOf("runsUntilToldToEnd")).anySatisfy(
                    entry -> assertThat(entry.get("nsunit.cleanup-error")).contains("Device or resource busy"));
        } finally {
            unpin(pins);
            clear(dir);
        }
        assertThat(Host.nsunitLeafCgroups()).as("cgroups left after the run").isEmpty();
    }

    private static void awaitReady(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("ready")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void unpin(List<Path> pins) throws IOException, InterruptedException {
        for (Path pin : pins) {
            new ProcessBuilder("umount", pin.toString()).inheritIO().start().waitFor();
            Files.deleteIfExists(pin);
            Files.deleteIfExists(pin.getParent()); // the cgroup, left because of the pin
        }
    }

    private static void clear(Path dir) throws IOException {
        System.clearProperty(DIR);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static Path pin(Path cgroup) throws IOException, InterruptedException {
        Path pin = Files.createDirectory(cgroup.resolve("pin"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "none", pin.toString()).inheritIO().start().waitFor())
                .as("mount a tmpfs on " + pin).isZero();
        return pin;
    }

    /** One test to start spares, then one in a spare that runs until it is told to end. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @MemoryLimit("128M")
    static class LongTestCase {
        @Test
        @Order(1)
        void startsSpares() {
        }

        @Test
        @Order(2)
        void runsUntilToldToEnd() throws Exception {
            waitUntilToldToEnd();
        }
    }

    /** One test that runs until it is told to end, in a child started for it. */
    @MemoryLimit("128M")
    static class WaitsTestCase {
        @Test
        void runsUntilToldToEnd() throws Exception {
            waitUntilToldToEnd();
        }
    }

    /** Tells the test where its cgroups are, then waits for the go. */
    static void waitUntilToldToEnd() throws Exception {
        Path dir = Path.of(System.getProperty(DIR));
        Files.writeString(dir.resolve("running"), Files.readString(Path.of("/proc/self/cgroup")));
        Files.createFile(dir.resolve("ready"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("go"))) {
            assertThat(System.nanoTime()).as("told to end within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @MemoryLimit("192M")
    static class OtherKindTestCase {
        @Test
        void test() {
        }
    }
}
