package io.github.nsunit.internal.channel;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The parent's end of the channel: reads frames until the child closes it and hands each to a
 * {@link ChannelListener}. Frames of a type this version does not know are skipped.
 */
public final class ChannelReader {
    private final DataInputStream in;

    public ChannelReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /**
     * Reads until end of stream. Returns normally when the stream ends on a frame boundary; throws when it
     * ends inside a frame or is not an nsunit channel.
     */
    public void readAll(ChannelListener listener) throws IOException {
        try {
            Frames.readHeader(in);
        } catch (EOFException noHeader) {
            return; // the child died before it could open the channel: the exit status will tell why
        }
        while (true) {
            int code = in.read();
            if (code < 0) {
                return;
            }
            int length = in.readInt();
            if (length < 0 || length > Frames.MAX_FRAME) {
                throw new IOException("corrupt frame length " + length + " for frame type " + code);
            }
            byte[] payload = Frames.readFully(in, length);
            FrameType type = FrameType.of(code);
            if (type != null) {
                dispatch(type, new DataInputStream(new ByteArrayInputStream(payload)), listener);
            }
        }
    }

    private static void dispatch(FrameType type, DataInputStream data, ChannelListener listener) throws IOException {
        switch (type) {
            case REPORT_ENTRY -> listener.reportEntry(Frames.readMap(data));
            case RESULT -> listener.result(new TestResult(TestResult.Status.valueOf(data.readUTF()),
                    Frames.readBytes(data), Frames.readString(data)));
            case EXIT_CALL -> {
                int status = data.readInt();
                String call = Frames.readString(data);
                String thread = Frames.readString(data);
                int frames = data.readInt();
                List<StackTraceElement> stack = new ArrayList<>(frames);
                for (int i = 0; i < frames; i++) {
                    stack.add(StackFrames.read(data));
                }
                listener.exitCall(new ExitCall(status, call, thread, stack));
            }
            case MEASUREMENT -> listener.measurement(Frames.readString(data), data.readLong());
            case RETURN_VALUE -> listener.returnValue(Frames.readBytes(data));
            case LEFTOVER_PROCESSES -> {
                int count = data.readInt();
                List<String> processes = new ArrayList<>(Math.min(count, 1024));
                for (int i = 0; i < count; i++) {
                    processes.add(Frames.readString(data));
                }
                listener.leftoverProcesses(processes);
            }
            case ASSIGNMENT -> { } // only ever sent parent to child
        }
    }
}
