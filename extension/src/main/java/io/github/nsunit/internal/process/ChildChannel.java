package io.github.nsunit.internal.process;

import io.github.nsunit.internal.cache.PrivateDirectory;
import io.github.nsunit.internal.channel.ChannelCorruptedException;
import io.github.nsunit.internal.channel.ChannelListener;
import io.github.nsunit.internal.channel.ChannelReader;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.command.Fifo;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The parent's end of a child's result channel: a thread that opens the FIFO nsunit made (only that), reads
 * every frame, and keeps what arrived. Bytes the protocol does not allow end the reading: nothing after them is
 * believed, but the rest is drained so the child never blocks writing. Fields are written by the channel thread
 * and read after it has ended.
 */
final class ChildChannel implements ChannelListener {
    private final Path fifo;
    private final Path privateDir;
    /** The private directory holds the class path's argument file, which java may not have read yet. */
    private final boolean argumentFile;
    private final Consumer<Map<String, String>> reportEntries;
    private final BiConsumer<String, Long> measurements;
    private volatile boolean opened;

    volatile TestResult result;
    volatile ExitCall exitCall;
    volatile String error;
    volatile boolean corrupted;
    volatile byte[] returnValue;
    final Map<String, Long> measured = new ConcurrentHashMap<>();
    volatile List<String> leftoverProcesses = List.of();

    /**
     * @param reportEntries where report entries go (queued for the awaiting thread)
     * @param measurements  told each measurement as it arrives (the memory handshake acts on one)
     */
    ChildChannel(Path fifo, Path privateDir, boolean argumentFile, Consumer<Map<String, String>> reportEntries,
                 BiConsumer<String, Long> measurements) {
        this.fifo = fifo;
        this.privateDir = privateDir;
        this.argumentFile = argumentFile;
        this.reportEntries = reportEntries;
        this.measurements = measurements;
    }

    Thread start(long pid) {
        Thread thread = new Thread(this::read, "nsunit-channel-" + pid);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void read() {
        if (!Fifo.isFifo(fifo)) { // a regular file in its place would be read as an empty channel
            error = "the result channel " + fifo + " is not the FIFO nsunit made";
            opened = true;
            return;
        }
        try (FileInputStream in = new FileInputStream(fifo.toFile())) {
            opened = true;
            // Both ends are open (a FIFO's open waits for the other end): the path has served its purpose, and
            // removing it now leaves nothing behind even if this JVM is killed before close(). The shell opens
            // the FIFO before java starts, so a directory with an argument file waits for close() (or, if
            // this JVM is killed, for the next run's removal of dead runs' directories).
            if (!argumentFile) {
                PrivateDirectory.delete(privateDir);
            }
            try {
                new ChannelReader(in).readAll(this);
            } catch (ChannelCorruptedException e) {
                error = e.getMessage();
                corrupted = true;
                // nothing more from this channel is believed, but the child must not block writing to it
                in.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException e) {
            if (error == null) {
                error = e.getMessage();
            }
        } finally {
            opened = true;
        }
    }

    /** If the child died before opening the channel, the reader still blocks in open(): release it. */
    void unblockOpen() {
        if (!opened) {
            try (OutputStream ignored = new FileOutputStream(fifo.toFile())) {
                // opening and closing the write end gives the reader end-of-stream
            } catch (IOException ignored) {
                // the directory is gone: the reader already failed
            }
        }
    }

    @Override
    public void leftoverProcesses(List<String> processes) {
        leftoverProcesses = List.copyOf(processes);
    }

    @Override
    public void reportEntry(Map<String, String> entry) {
        reportEntries.accept(entry);
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
        measured.put(name, value);
        measurements.accept(name, value);
    }
}
