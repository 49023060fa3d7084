package io.github.nsunit.internal.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes an {@link Assignment} to a child's stdin and reads it there, in the channel's frame format. */
public final class AssignmentCodec {
    private static final int TEST = 1;
    private static final int SERIALIZED_TASK = 2;
    private static final int TASK_CLASS = 3;
    /** More than the kernel has syscalls. */
    private static final int MAX_DENIED_SYSCALLS = 1024;

    private AssignmentCodec() {
    }

    public static void write(Assignment assignment, OutputStream stdin) throws IOException {
        DataOutputStream out = new DataOutputStream(stdin);
        Frames.writeHeader(out);
        out.writeByte(FrameType.ASSIGNMENT.code);
        writeWork(out, assignment.work());
        Frames.writeMap(out, assignment.configurationParameters());
        writeSettings(out, assignment.settings());
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
        return new Assignment(readWork(in), Frames.readAssignedMap(in), readSettings(in));
    }

    private static void writeWork(DataOutputStream out, Assignment.Work work) throws IOException {
        if (work instanceof Assignment.Test test) {
            out.writeByte(TEST);
            Frames.writeString(out, test.uniqueId());
        } else if (work instanceof Assignment.SerializedTask task) {
            out.writeByte(SERIALIZED_TASK);
            Frames.writeBytes(out, task.serialized());
        } else if (work instanceof Assignment.TaskClass task) {
            out.writeByte(TASK_CLASS);
            Frames.writeString(out, task.className());
        }
    }

    private static Assignment.Work readWork(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case TEST -> new Assignment.Test(Frames.readString(in));
            case SERIALIZED_TASK -> new Assignment.SerializedTask(Frames.readBytes(in));
            case TASK_CLASS -> new Assignment.TaskClass(Frames.readString(in));
            default -> throw new IOException("unknown kind of work in the assignment: " + kind);
        };
    }

    private static void writeSettings(DataOutputStream out, ChildSettings settings) throws IOException {
        out.writeBoolean(settings.loopbackUp());
        out.writeBoolean(settings.hostname().isPresent());
        if (settings.hostname().isPresent()) {
            Frames.writeString(out, settings.hostname().get());
        }
        out.writeInt(settings.deniedSyscalls().size());
        for (String syscall : settings.deniedSyscalls()) {
            Frames.writeString(out, syscall);
        }
        out.writeBoolean(settings.memoryHandshake());
        out.writeBoolean(settings.pidNamespace());
        out.writeBoolean(settings.debugHold());
    }

    private static ChildSettings readSettings(DataInputStream in) throws IOException {
        boolean loopbackUp = in.readBoolean();
        Optional<String> hostname = in.readBoolean() ? Optional.of(Frames.readString(in)) : Optional.empty();
        int count = in.readInt();
        if (count < 0 || count > MAX_DENIED_SYSCALLS) {
            throw new IOException("the assignment denies " + count + " syscalls; at most " + MAX_DENIED_SYSCALLS);
        }
        List<String> denied = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            denied.add(Frames.readString(in));
        }
        return new ChildSettings(loopbackUp, hostname, denied, in.readBoolean(), in.readBoolean(), in.readBoolean());
    }
}
