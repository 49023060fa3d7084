package io.github.nsunit.internal.channel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The child's end of the channel. Each frame is assembled in memory and written with one call, so the parent
 * sees a frame whole or not at all. Thread-safe: a shutdown hook may report while the test thread writes.
 */
public final class ChannelWriter implements AutoCloseable {
    private final OutputStream out;

    public ChannelWriter(OutputStream out) {
        this.out = out;
        try {
            DataOutputStream header = new DataOutputStream(out);
            Frames.writeHeader(header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the nsunit channel header", e);
        }
    }

    public void reportEntry(Map<String, String> entry) {
        send(FrameType.REPORT_ENTRY, data -> Frames.writeMap(data, entry));
    }

    public void result(TestResult result) {
        send(FrameType.RESULT, data -> {
            data.writeUTF(result.status().name());
            Frames.writeBytes(data, result.throwable() == null ? new byte[0] : result.throwable());
            Frames.writeString(data, result.reason() == null ? "" : result.reason());
        });
    }

    public void exitCall(ExitCall call) {
        send(FrameType.EXIT_CALL, data -> {
            data.writeInt(call.status());
            Frames.writeString(data, call.call());
            Frames.writeString(data, call.threadName());
            data.writeInt(call.stack().size());
            for (StackTraceElement frame : call.stack()) {
                StackFrames.write(data, frame);
            }
        });
    }

    public void measurement(String name, long value) {
        send(FrameType.MEASUREMENT, data -> {
            Frames.writeString(data, name);
            data.writeLong(value);
        });
    }

    /** What a programmatic run's task returned, already serialized ({@link ReturnValues#encode}). */
    public void returnValue(byte[] serialized) {
        send(FrameType.RETURN_VALUE, data -> Frames.writeBytes(data, serialized));
    }

    public void leftoverProcesses(List<String> processes) {
        send(FrameType.LEFTOVER_PROCESSES, data -> {
            data.writeInt(processes.size());
            for (String process : processes) {
                Frames.writeString(data, process);
            }
        });
    }

    private synchronized void send(FrameType type, FramePayload payload) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            DataOutputStream data = new DataOutputStream(buffer);
            payload.write(data);
            data.flush();
            ByteArrayOutputStream frame = new ByteArrayOutputStream(buffer.size() + 5);
            DataOutputStream header = new DataOutputStream(frame);
            header.writeByte(type.code);
            header.writeInt(buffer.size());
            buffer.writeTo(frame);
            frame.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + type + " to the nsunit parent", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    @FunctionalInterface
    private interface FramePayload {
        void write(DataOutputStream data) throws IOException;
    }
}
