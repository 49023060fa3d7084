package io.github.nsunit.internal.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes an {@link Assignment} to a child's stdin and reads it there, in the channel's frame format. */
public final class AssignmentCodec {
    private AssignmentCodec() {
    }

    public static void write(Assignment assignment, OutputStream stdin) throws IOException {
        DataOutputStream out = new DataOutputStream(stdin);
        Frames.writeHeader(out);
        out.writeByte(FrameType.ASSIGNMENT.code);
        Frames.writeString(out, assignment.testUniqueId());
        Frames.writeMap(out, assignment.configurationParameters());
        Frames.writeMap(out, assignment.childSettings());
        out.flush();
    }

    /** Reads exactly one assignment and nothing more, so whatever follows on stdin is left for the test. */
    public static Assignment read(InputStream stdin) throws IOException {
        DataInputStream in = new DataInputStream(stdin);
        Frames.readHeader(in);
        int type = in.readUnsignedByte();
        if (type != FrameType.ASSIGNMENT.code) {
            throw new IOException("expected an assignment frame, got type " + type);
        }
        return new Assignment(Frames.readString(in), Frames.readMap(in), Frames.readMap(in));
    }
}
