package io.github.nsunit.internal.process;

import io.github.nsunit.internal.cache.PrivateDirectory;
import io.github.nsunit.internal.command.ChildCommand;
import io.github.nsunit.internal.command.ChildSpec;
import io.github.nsunit.internal.command.ClassPathArgument;
import io.github.nsunit.internal.command.Fifo;
import io.github.nsunit.internal.cgroup.CgroupStats;
import io.github.nsunit.internal.cgroup.TestCgroup;
import io.github.nsunit.internal.channel.AssignmentCodec;
import io.github.nsunit.internal.channel.ChannelListener;
import io.github.nsunit.internal.channel.ChannelCorruptedException;
import io.github.nsunit.internal.channel.ChannelReader;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A started child JVM and the three streams the parent reads from it: stdout, stderr and the result channel.
 * Reader threads only queue what they read; the awaiting thread delivers it, so output reaches the test's own
 * thread. Closing it kills whatever is left of the child's process tree and deletes its private directory.
 */
public final class ChildProcess implements AutoCloseable {
    private static final int STDERR_TAIL_BYTES = 16 * 1024;
    private static final long DRAIN_AFTER_EXIT_MS = 2_000;
    private static final long THREAD_DUMP_WAIT_MS = 1_500;

    private final Process process;
    private final Path privateDir;
    private final Path fifo;
    /** The private directory holds the class path's argument file, which java may not have read yet. */
    private final boolean argumentFile;
    /** Bounded: a child printing 100 MB is slowed down to the pace the parent relays at, not buffered. */
    private final BlockingQueue<Runnable> deliveries = new ArrayBlockingQueue<>(256);
    private final List<Thread> pumps = new ArrayList<>();
    private final OutputTail stderrTail = new OutputTail(STDERR_TAIL_BYTES);
    private final OutputTail stdoutTail = new OutputTail(STDERR_TAIL_BYTES);
    private final Report report = new Report();
    private volatile boolean channelOpened;
    private volatile StringBuilder threadDumpCapture;
    private ChildEventSink sink;
    private OutputStream stdin;
    private Optional<ChildSpec.Handshake> handshake = Optional.empty();
    private Optional<DebugHold> debugHold = Optional.empty();
    private boolean holdDecided;

    /** The cgroup the child was born in, made with it; removed when it is closed. */
    private Optional<TestCgroup> cgroup = Optional.empty();

    private ChildProcess(Process process, Path privateDir, Path fifo, boolean argumentFile) {
        this.process = process;
        this.privateDir = privateDir;
        this.fifo = fifo;
        this.argumentFile = argumentFile;
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
        child.assign(spec);
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
            Runnable delivery = deliveries.poll(20, TimeUnit.MILLISECONDS);
            if (delivery != null) {
                delivery.run();
                continue;
            }
            if (debugHold.isPresent() && !holdDecided && report.result != null) {
                holdDecided = true;
                if (report.result.status() == TestResult.Status.FAILED) {
                    deadline += holdForDebugging("failed").toNanos();
                }
                closeStdin(); // the release: a child whose test failed waits for it
                continue;
            }
            if (!process.isAlive()) {
                if (exitedAt == 0) {
                    exitedAt = System.nanoTime();
                    unblockChannelOpen();
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
                exitStatus, timedOut, timeout, threadDump, stderrTail.lastLines(20), stdoutTail.lastLines(20),
                Optional.ofNullable(report.channelError), report.channelCorrupted, Map.copyOf(report.measurements),
                process.pid(), Optional.ofNullable(report.returnValue));
    }

    @Override
    public void close() {
        try {
            killTree();
            closeStreams();
            if (stdin != null) {
                closeStdin();
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
        process.onExit().thenRun(() -> deliveries.offer(() -> { }));
        pumps.add(pump("stdout", process.getInputStream(), bytes -> {
            stdoutTail.append(bytes);
            StringBuilder capture = threadDumpCapture;
            if (capture != null) {
                synchronized (capture) {
                    capture.append(new String(bytes, StandardCharsets.UTF_8));
                }
            }
            deliver(() -> sink.stdout(bytes));
        }));
        pumps.add(pump("stderr", process.getErrorStream(), bytes -> {
            stderrTail.append(bytes);
            deliver(() -> sink.stderr(bytes));
        }));
        Thread channel = new Thread(this::readChannel, "nsunit-channel-" + process.pid());
        channel.setDaemon(true);
        channel.start();
        pumps.add(channel);
    }

    private Thread pump(String name, InputStream stream, java.util.function.Consumer<byte[]> consumer) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    if (n > 0) {
                        consumer.accept(java.util.Arrays.copyOf(buffer, n));
                    }
                }
            } catch (IOException closed) {
                // the child is gone, or close() closed the stream to stop this pump
            }
        }, "nsunit-" + name + "-" + process.pid());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void readChannel() {
        if (!Fifo.isFifo(fifo)) { // a regular file in its place would be read as an empty channel
            report.channelError = "the result channel " + fifo + " is not the FIFO nsunit made";
            channelOpened = true;
            return;
        }
        try (FileInputStream in = new FileInputStream(fifo.toFile())) {
            channelOpened = true;
            // Both ends are open (a FIFO's open waits for the other end): the path has served its purpose, and
            // removing it now leaves nothing behind even if this JVM is killed before close(). The shell opens
            // the FIFO before java starts, so a directory with an argument file waits for close() (or, if
            // this JVM is killed, for the next run's removal of dead runs' directories).
            if (!argumentFile) {
                PrivateDirectory.delete(privateDir);
            }
            try {
                new ChannelReader(in).readAll(report);
            } catch (ChannelCorruptedException e) {
                report.channelError = e.getMessage();
                report.channelCorrupted = true;
                // nothing more from this channel is believed, but the child must not block writing to it
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            if (report.channelError == null) {
                report.channelError = e.getMessage();
            }
        } finally {
            channelOpened = true;
        }
    }

    /** If the child died before opening the channel, the reader still blocks in open(): release it. */
    private void unblockChannelOpen() {
        if (!channelOpened) {
            try (OutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // opening and closing the write end gives the reader end-of-stream
            } catch (IOException ignored) {
                // the directory is gone: the reader already failed
            }
        }
    }

    private void deliver(Runnable delivery) {
        try {
            deliveries.put(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the assignment; stdin then stays open only while a handshake is still to come. */
    private void assign(ChildSpec spec) {
        handshake = spec.handshake();
        stdin = process.getOutputStream();
        try {
            AssignmentCodec.write(spec.assignment(), stdin);
        } catch (IOException childAlreadyGone) {
            // its exit status and stderr will say why
        }
        if (spec.handshake().isEmpty() && debugHold.isEmpty()) {
            closeStdin();
        }
    }

    private void closeStdin() {
        try {
            stdin.close();
        } catch (IOException alreadyGone) {
            // the child is gone: nothing to tell it
        }
    }

    /** The child waits on stdin after a handshake measurement: act on it, then let it go on. */
    private void completeHandshake(ChildSpec.Handshake handshake, long value) {
        try {
            handshake.action().accept(cgroup.orElseThrow(() -> new IllegalStateException(
                    "the child has no cgroup to act on")), value);
            stdin.write('g');
            stdin.flush();
        } catch (IOException | RuntimeException e) {
            report.channelError = "handshake " + handshake.name() + " failed: " + e;
            killTree();
        } finally {
            if (debugHold.isEmpty()) {
                closeStdin();
            }
        }
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
        unblockChannelOpen();
    }

    /** Asks the child JVM for a thread dump (SIGQUIT) and collects what it prints for a while. */
    private String dumpThreads() throws InterruptedException {
        Optional<ProcessHandle> jvm = ChildJvm.find(process.toHandle());
        if (jvm.isEmpty()) {
            return "";
        }
        StringBuilder capture = new StringBuilder();
        threadDumpCapture = capture;
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(jvm.get().pid())).start().waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_DUMP_WAIT_MS);
        while (System.nanoTime() < until) {
            Runnable delivery = deliveries.poll(20, TimeUnit.MILLISECONDS);
            if (delivery != null) {
                delivery.run();
            }
        }
        threadDumpCapture = null;
        synchronized (capture) {
            return capture.toString();
        }
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
        long until = start + hold.duration().toNanos();
        while (System.nanoTime() < until && process.isAlive()) {
            Runnable delivery = deliveries.poll(20, TimeUnit.MILLISECONDS);
            if (delivery != null) {
                delivery.run();
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** What arrived over the channel. Written by the channel thread, read after it has ended. */
    private final class Report implements ChannelListener {
        volatile TestResult result;
        volatile ExitCall exitCall;
        volatile String channelError;
        volatile boolean channelCorrupted;
        volatile byte[] returnValue;
        final Map<String, Long> measurements = new ConcurrentHashMap<>();
        volatile List<String> leftoverProcesses = List.of();

        @Override
        public void leftoverProcesses(List<String> processes) {
            leftoverProcesses = List.copyOf(processes);
        }

        @Override
        public void reportEntry(Map<String, String> entry) {
            deliver(() -> sink.reportEntry(entry));
        }

        @Override
        public void result(TestResult result) {
            this.result = result;
        }

        @Override
        public void exitCall(ExitCall call) {
            if (exitCall == null) { // the instrumented call itself comes first, the shutdown hook's report after
                exitCall = call;
            }
        }

        @Override
        public void returnValue(byte[] serialized) {
            this.returnValue = serialized;
        }

        @Override
        public void measurement(String name, long value) {
            measurements.put(name, value);
            handshake.filter(h -> h.name().equals(name)).ifPresent(h -> completeHandshake(h, value));
        }
    }
}
