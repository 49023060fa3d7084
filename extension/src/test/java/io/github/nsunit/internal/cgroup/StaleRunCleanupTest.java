package io.github.nsunit.internal.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run directory left by a JVM that died is killed and removed by the next run; a live run's is kept. */
class StaleRunCleanupTest {

    private final List<Path> madeByTest = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void needsRoot() {
        RealCgroups.assumeRoot();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (int i = madeByTest.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(madeByTest.get(i));
        }
    }

    @Test
    void runDirectoryOfADeadJvmIsKilledAndRemoved() throws Exception {
        List<CgroupMount> mounts = mountsACgroupUses();
        RunDirectoryName dead = nameOfAProcessThatHasExited();
        List<Path> staleLeaves = new ArrayList<>();
        for (CgroupMount mount : mounts) {
            Path run = mount.mountPoint().resolve(dead.toString());
            Files.createDirectory(run);
            madeByTest.add(run);
            Path leaf = Files.createDirectory(run.resolve("leftover-1"));
            madeByTest.add(leaf);
            staleLeaves.add(leaf.resolve("cgroup.procs"));
        }
        Process orphan = new ProcessBuilder(new CgroupJoinStage(staleLeaves).wrap(List.of("sleep", "60"))).start();
        processes.add(orphan);
        awaitIn(staleLeaves.get(0), orphan.pid());

        try (Cgroups live = Cgroups.open(Optional.empty())) {
            live.create("first", CgroupLimits.none()).close();
            try (Cgroups next = Cgroups.open(Optional.empty())) {
                next.create("second", CgroupLimits.none()).close();

                assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("process of the dead run killed").isTrue();
                assertThat(RealCgroups.existing(madeByTest)).as("stale run directories").isEmpty();
                assertThat(live.runDirectories()).as("a live run's directories are kept").allSatisfy(
                        dir -> assertThat(dir).exists());
            }
        }
    }

    /** A run seen from inside a PID namespace of its own (a nested run) names pids this run cannot judge. */
    @Test
    void runDirectoryOfAnotherPidNamespaceIsLeftAlone() throws Exception {
        List<CgroupMount> mounts = mountsACgroupUses();
        RunDirectoryName dead = nameOfAProcessThatHasExited();
        RunDirectoryName elsewhere = new RunDirectoryName(dead.pid(), dead.startTicks(), dead.pidNamespace() + 1,
                dead.random());
        List<Path> leaves = new ArrayList<>();
        for (CgroupMount mount : mounts) {
            Path run = mount.mountPoint().resolve(elsewhere.toString());
            Files.createDirectory(run);
            madeByTest.add(run);
            Path leaf = Files.createDirectory(run.resolve("outer-child"));
            madeByTest.add(leaf);
            leaves.add(leaf.resolve("cgroup.procs"));
        }
        Process outerChild = new ProcessBuilder(new CgroupJoinStage(leaves).wrap(List.of("sleep", "60"))).start();
        processes.add(outerChild);
        awaitIn(leaves.get(0), outerChild.pid());

        try (Cgroups live = Cgroups.open(Optional.empty())) {
            live.create("inner", CgroupLimits.none()).close();
        }

        assertThat(outerChild.isAlive()).as("the other namespace's process").isTrue();
        assertThat(madeByTest).as("the other namespace's run directories").allSatisfy(dir -> assertThat(dir).exists());
    }

    @Test
    void namesIdentifyTheOwningProcessEvenAfterPidReuse() {
        RunDirectoryName mine = RunDirectoryName.forThisProcess();
        RunDirectoryName samePidOtherStart = new RunDirectoryName(mine.pid(), mine.startTicks() + 1, mine.pidNamespace(),
                "abcd");

        assertThat(RunDirectoryName.parse(mine.toString())).contains(mine);
        assertThat(mine.ownerAlive()).isTrue();
        assertThat(samePidOtherStart.ownerAlive()).isFalse();
        assertThat(RunDirectoryName.parse("nsunit-test-base")).isEmpty();
        assertThat(RunDirectoryName.parse("process_api")).isEmpty();
    }

    private static List<CgroupMount> mountsACgroupUses() {
        try (Cgroups probe = Cgroups.open(Optional.empty());
                TestCgroup cgroup = probe.create("probe", CgroupLimits.none())) {
            return cgroup.tree().dirs().stream().map(CgroupDir::mount).distinct().toList();
        }
    }

    private static RunDirectoryName nameOfAProcessThatHasExited() throws Exception {
        Process shortLived = new ProcessBuilder("sleep", "0.2").start();
        long ticks = RunDirectoryName.startTicks(shortLived.pid()).orElseThrow();
        assertThat(shortLived.waitFor(5, TimeUnit.SECONDS)).isTrue();
        RunDirectoryName name = new RunDirectoryName(shortLived.pid(), ticks,
                io.github.nsunit.internal.linux.PidNamespace.current().orElseThrow(), "dead");
        assertThat(name.ownerAlive()).isFalse();
        return name;
    }

    private static void awaitIn(Path procs, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!CgroupFiles.readPids(procs).contains(pid)) {
            assertThat(System.nanoTime()).as("pid " + pid + " in " + procs).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
