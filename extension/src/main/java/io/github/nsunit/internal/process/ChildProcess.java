package io.github.nsunit.internal.process;

import io.github.nsunit.internal.cache.PrivateDirectory;
import io.github.nsunit.internal.command.ChildCommand;
import io.github.nsunit.internal.command.ChildSpec;
import io.github.nsunit.internal.command.ClassPathArgument;
import io.github.nsunit.internal.command.Fifo;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.channel.TestResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A started child JVM and the three streams the parent reads from it: stdout, stderr and the result channel.
 * Reader threads only queue what they read; the awaiting thread delivers it, so output reaches the test's own
 * thread. Closing it kills whatever is left of the child's process tree and deletes its private directory.
 */
public final class ChildProcess implements AutoCloseable {
    private static final long DRAIN_AFTER_EXIT_MS = 2_000;
    private static final long THREAD_DUMP_WAIT_MS = 1_500;

    private final Process process;
    private final Path privateDir;
    private final Deliveries deliveries = new Deliveries();
    private final List<Thread> pumps = new ArrayList<>();
    private final OutputPumps output = new OutputPumps();
    private final ChildChannel report;
    private ChildEventSink sink;
    private final ChildStdin stdin = new ChildStdin();
    private Optional<DebugHold> debugHold = Optional.empty();
    private boolean holdDecided;

    /** The cgroup the child was born in, made with it; removed when it is closed. */
    private Optional<TestCgroup> cgroup = Optional.empty();

    private ChildProcess(Process process, Path privateDir, Path fifo, boolean argumentFile) {
        this.process = process;
        this.privateDir = privateDir;
        this.report = new ChildChannel(fifo, privateDir, argumentFile,
                entry -> deliveries.put(() -> sink.reportEntry(entry)), this::measured);
    }

    /**
     * Starts a child for {@code spec} and hands it its assignment: a spare started earlier for an identical
     * command when there is one, else a new one. With {@code prestartNext} above 0, that many spares for the next
     * tests with the same command are kept started, while this one runs. With a {@code hold}, a child whose test
     * fails is kept alive that long (its stdin stays open: the child waits for it to close) and one that times
     * out is killed only after it.
     */
    public static ChildProcess start(ChildSpec spec, int prestartNext, Optional<DebugHold> hold)
            throws IOException {
        ChildCommand command = ChildCommand.of(spec);
        ChildProcess child = SpareChild.take(command.key()).orElse(null);
        if (child == null) {
            child = launch(command, false);
        }
        if (prestartNext > 0) {
            SpareChild.prepare(command, prestartNext);
        }
        child.debugHold = hold;
        child.stdin.assign(child.process.getOutputStream(), spec, hold.isPresent());
        return child;
    }

    /** Starts the child and hands it its assignment. */
    public static ChildProcess start(ChildSpec spec) throws IOException {
        return start(spec, 0, Optional.empty());
    }

    /**
     * Starts a child JVM that waits on stdin for its assignment, in a cgroup of its own where its command asks
     * for one (named after the test, or {@code spare}).
     *
     * @throws io.github.nsunit.internal.cgroup.CgroupUnavailableException when the host cannot give the cgroup
     */
    static ChildProcess launch(ChildCommand childCommand, boolean spare) throws IOException {
        Path privateDir = PrivateDirectory.create();
        Path fifo = privateDir.resolve("channel");
        Optional<TestCgroup> cgroup = Optional.empty();
        try {
            cgroup = childCommand.cgroup().flatMap(c -> c.create(spare));
            Fifo.create(fifo);
            List<String> command = childCommand.withChannel(fifo, cgroup.map(TestCgroup::joinStage));
            Optional<List<String>> shortened = ClassPathArgument.moveToFile(command, privateDir);
            ChildProcess child = new ChildProcess(new ProcessBuilder(shortened.orElse(command)).start(),
                    privateDir, fifo, shortened.isPresent());
            child.cgroup = cgroup;
            LiveChildren.add(child);
            child.startPumps();
            return child;
        } catch (IOException | RuntimeException e) {
            PrivateDirectory.delete(privateDir);
            cgroup.ifPresent(TestCgroup::close);
            throw e;
        }
    }

    /** The figures of the child's cgroup, if it has one: read after {@link #await}, before {@link #close}. */
    public Optional<CgroupStats> cgroupStats() {
        return cgroup.map(TestCgroup::stats);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits until the child has ended and everything it said has been delivered to {@code sink}, or until
     * {@code timeout}; then the child's threads are dumped and its process tree killed.
     */
    public ChildOutcome await(Duration timeout, ChildEventSink sink) throws InterruptedException {
        this.sink = sink;
        try {
            return awaitEnd(timeout);
        } catch (InterruptedException e) {
            throw interruptedWithThreadDump(e);
        }
    }

    /**
     * The awaiting thread was interrupted, typically by JUnit's {@code @Timeout} in this JVM, which adds what the
     * interrupted invocation threw to its {@code TimeoutException} as suppressed: so the child's thread dump,
     * taken now while the child still runs, is what tells the user where the test was stuck.
     */
    private InterruptedException interruptedWithThreadDump(InterruptedException interrupted) {
        String dump;
        try {
            dump = process.isAlive() ? dumpThreads() : "";
        } catch (InterruptedException again) {
            dump = "";
        }
        InterruptedException withDump = new InterruptedException(dump.isBlank()
                ? "interrupted while waiting for the child JVM " + process.pid() + " (no thread dump: it had ended)"
                : "interrupted while waiting for the child JVM " + process.pid() + "; its threads then:\n" + dump);
        withDump.initCause(interrupted);
        return withDump;
    }

    private ChildOutcome awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean timedOut = false;
        String threadDump = "";
        long exitedAt = 0;
        while (true) {
            if (deliveries.deliverNext()) {
                continue;
            }
            if (debugHold.isPresent() && !holdDecided && report.result != null) {
                holdDecided = true;
                if (report.result.status() == TestResult.Status.FAILED) {
                    deadline += holdForDebugging("failed").toNanos();
                }
                stdin.release(); // the release: a child whose test failed waits for it
                continue;
            }
            if (!process.isAlive()) {
                if (exitedAt == 0) {
                    exitedAt = System.nanoTime();
                    report.unblockOpen();
                }
                if (pumpsDone()) {
                    break;
                }
                if (System.nanoTime() - exitedAt > TimeUnit.MILLISECONDS.toNanos(DRAIN_AFTER_EXIT_MS)) {
                    killTree(); // something the child started still holds its stdout or the channel open
                    closeStreams();
                }
            } else if (!timedOut && System.nanoTime() > deadline) {
                timedOut = true;
                threadDump = dumpThreads();
                if (debugHold.isPresent()) {
                    holdForDebugging("timed out");
                }
                killTree();
            }
        }
        int exitStatus = process.waitFor();
        return new ChildOutcome(Optional.ofNullable(report.result), Optional.ofNullable(report.exitCall),
                exitStatus, timedOut, timeout, threadDump, output.stderrTail(), output.stdoutTail(),
                Optional.ofNullable(report.error), report.corrupted, Map.copyOf(report.measured),
                process.pid(), Optional.ofNullable(report.returnValue));
    }

    @Override
    public void close() {
        try {
            killTree();
            closeStreams();
            if (stdin.assigned()) {
                stdin.release();
            }
            for (Thread pump : pumps) {
                pump.join(DRAIN_AFTER_EXIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                cgroup.ifPresent(TestCgroup::close); // kills what left the tree: setsid, double forks
            } finally { // a cgroup that cannot be removed still leaves nothing else behind
                LiveChildren.remove(this);
                PrivateDirectory.delete(privateDir);
            }
        }
    }

    /** Kills the child and everything it started that is still its descendant, deepest first. */
    void killTree() {
        ProcessTree.kill(process.toHandle());
        try {
            process.waitFor(DRAIN_AFTER_EXIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startPumps() {
        // wakes the awaiting thread at once when the child exits, instead of at its next poll
        process.onExit().thenRun(deliveries::wake);
        pumps.addAll(output.start(process, deliveries, bytes -> sink.stdout(bytes), bytes -> sink.stderr(bytes)));
        pumps.add(report.start(process.pid()));
    }

    private boolean pumpsDone() {
        return pumps.stream().noneMatch(Thread::isAlive) && deliveries.isEmpty();
    }

    private void closeStreams() {
        for (InputStream stream : List.of(process.getInputStream(), process.getErrorStream())) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        report.unblockOpen();
    }

    /** The memory handshake acts on its measurement as it arrives. */
    private void measured(String name, long value) {
        stdin.measured(name, value, cgroup).ifPresent(failure -> {
            report.error = failure;
            killTree();
        });
    }

    /** Asks the child JVM for a thread dump (SIGQUIT) and collects what it prints for a while. */
    private String dumpThreads() throws InterruptedException {
        Optional<ProcessHandle> jvm = ChildJvm.find(process.toHandle());
        if (jvm.isEmpty()) {
            return "";
        }
        output.startCapture();
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(jvm.get().pid())).start().waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            output.endCapture();
            return "(no thread dump: " + e.getMessage() + ")";
        }
        deliveries.deliverUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_DUMP_WAIT_MS), () -> false);
        return output.endCapture();
    }

    /** The processes the test left running, as the child listed them after the test (empty if none). */
    public List<String> leftoverProcesses() {
        return report.leftoverProcesses;
    }

    /**
     * Keeps the child alive for the debug hold, relaying its output meanwhile, after printing how to enter it:
     * the nsenter command for its namespaces, its cgroups, its threads. Returns how long it held.
     */
    private Duration holdForDebugging(String what) throws InterruptedException {
        DebugHold hold = debugHold.get();
        long pid = ChildJvm.find(process.toHandle()).map(ProcessHandle::pid).orElse(process.pid());
        String message = hold.announcement(what, pid);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sink.stderr(bytes);
        long start = System.nanoTime();
        deliveries.deliverUntil(start + hold.duration().toNanos(), () -> !process.isAlive());
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
