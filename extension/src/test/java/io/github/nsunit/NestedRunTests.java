package io.github.nsunit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An nsunit run inside an isolated test (a programmatic run with a memory limit inside {@code @IsolatedPid})
 * sees the outer run's cgroups and private directories named by pids of another PID namespace: it must leave
 * them alone (once it took the outer run for dead and killed it), do its own work, and leave nothing behind.
 */
class NestedRunTests {

    @Test
    void aLimitedRunInsideAPidNamespaceLeavesTheOuterRunAlone() throws IOException {
        EngineRun run = EngineRun.of(NestedTestCase.class);

        FaultTests.assertPassed(run, "runsALimitedTaskInside");
        assertThat(run.entriesOf("runsALimitedTaskInside")).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("value", "42"));
        String mine = "nsunit-" + ProcessHandle.current().pid() + "-";
        List<Path> after = runDirectories();
        assertThat(after).as("this run's own directories, which the nested one must not take for a dead run's")
                .anyMatch(dir -> dir.getFileName().toString().startsWith(mine));
        // a run names its directories after its PID namespace: the nested run's are the ones not named after ours
        String ownNamespace = "-" + Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString()
                .replaceAll("\\D", "") + "-";
        assertThat(after).as("directories the nested run left behind")
                .allMatch(dir -> dir.getFileName().toString().contains(ownNamespace));
    }

    /** The run directories of every nsunit run on this machine, in every cgroup hierarchy. */
    private static List<Path> runDirectories() throws IOException {
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.filter(Files::isDirectory).flatMap(hierarchy -> {
                try {
                    return Files.list(hierarchy).filter(p -> p.getFileName().toString().startsWith("nsunit-")).toList()
                            .stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).toList();
        }
    }

    static class NestedTestCase {
        @Test
        @IsolatedPid
        void runsALimitedTaskInside(org.junit.jupiter.api.TestReporter reporter) {
            RunResult<Integer> inner = Isolated.with().memoryLimit("128M").call(() -> 6 * 7);
            reporter.publishEntry("value", String.valueOf(inner.value()));
        }
    }
}
