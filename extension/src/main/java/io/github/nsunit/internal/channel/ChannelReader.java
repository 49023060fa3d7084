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
 * {@link ChannelListener}. Frames of a type this version does not know are skipped. Nothing the child writes
 * is trusted: every count and length is bounded (by a limit below, and by the bytes its frame holds), nesting
 * is bounded, and anything the protocol does not allow ends reading with a {@link ChannelCorruptedException}.
 */
public final class ChannelReader {
    /** Deeper than any real stack (the JVM's default thread stack holds some 10,000 frames). */
    static final int MAX_STACK_FRAMES = 100_000;
    /** The child lists at most 50 leftover processes; a few more for an older or newer child. */
    static final int MAX_LEFTOVER_PROCESSES = 1_000;
    /** A stack frame on the wire: six strings of at least their 4-byte length, and the line number. */
    static final int MIN_STACK_FRAME_BYTES = 6 * 4 + 4;

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
                throw new ChannelCorruptedException("corrupt frame length " + length + " for frame type " + code);
            }
            byte[] payload = Frames.readFully(in, length);
            FrameType type = FrameType.of(code);
            if (type != null) {
                try {
                    dispatch(type, new DataInputStream(new ByteArrayInputStream(payload)), listener);
                } catch (ChannelCorruptedException e) {
                    throw new ChannelCorruptedException(type.describe() + " frame: " + e.getMessage());
                } catch (EOFException e) {
                    throw new ChannelCorruptedException(type.describe() + " frame of " + length
                            + " bytes ends before its content does");
                }
            }
        }
    }

    private static void dispatch(FrameType type, DataInputStream data, ChannelListener listener) throws IOException {
        switch (type) {
            case REPORT_ENTRY -> listener.reportEntry(Frames.readMap(data));
            case RESULT -> {
                TestResult.Status status = status(data.readUTF());
                byte[] throwable = Frames.readBytes(data);
                ThrowableCodec.checkStructure(throwable);
                listener.result(new TestResult(status, throwable, Frames.readString(data)));
            }
            case EXIT_CALL -> {
                int status = data.readInt();
                String call = Frames.readString(data);
                String thread = Frames.readString(data);
                int frames = Frames.readCount(data, MAX_STACK_FRAMES, MIN_STACK_FRAME_BYTES, "stack frame");
                List<StackTraceElement> stack = new ArrayList<>(frames);
                for (int i = 0; i < frames; i++) {
                    stack.add(StackFrames.read(data));
                }
                listener.exitCall(new ExitCall(status, call, thread, stack));
            }
            case MEASUREMENT -> listener.measurement(Frames.readString(data), data.readLong());
            case RETURN_VALUE -> listener.returnValue(Frames.readBytes(data));
            case LEFTOVER_PROCESSES -> {
                int count = Frames.readCount(data, MAX_LEFTOVER_PROCESSES, 4, "leftover process");
                List<String> processes = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    processes.add(Frames.readString(data));
                }
                listener.leftoverProcesses(processes);
            }
            case ASSIGNMENT -> { } // only ever sent parent to child
        }
    }

    private static TestResult.Status status(String name) throws ChannelCorruptedException {
        for (TestResult.Status status : TestResult.Status.values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new ChannelCorruptedException("unknown test status \"" + abbreviate(name) + "\"");
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
