package io.github.nsunit.internal.channel;

import io.github.nsunit.ThrowableStandIn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Carries a throwable from the child to the parent unchanged where possible. Two forms travel together: Java
 * serialization (same type, fields, causes, suppressed; keeps {@code AssertionFailedError}'s expected/actual
 * for IDE diffs) and a plain description (class name, message, stack, causes, suppressed) from which a
 * {@link ThrowableStandIn} is built when the original cannot be rebuilt in the parent.
 */
public final class ThrowableCodec {
    /** Cause and suppressed chains deeper than this are cut; real ones are short, cyclic ones are not. */
    private static final int MAX_DEPTH = 64;
    /** Throwables in one description, causes and suppressed ones included: far above any real failure. */
    static final int MAX_THROWABLES = 10_000;

    private ThrowableCodec() {
    }

    public static byte[] encode(Throwable throwable) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            Frames.writeBytes(out, serialize(throwable));
            describe(out, throwable, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + throwable, e);
        }
    }

    public static Throwable decode(byte[] encoded, ClassLoader loader) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            byte[] serialized = Frames.readBytes(in);
            Throwable original = deserialize(serialized, loader);
            ThrowableStandIn described = rebuild(in, 0, new int[1]);
            return original == null ? described : withTheChildsMessage(original, described);
        } catch (IOException e) {
            return new ThrowableStandIn("?", "the child's throwable could not be decoded: " + e, null);
        }
    }

    /**
     * Checks, as the channel reads it, that an encoded throwable is what an nsunit child writes, within the
     * bounds {@link #decode} keeps to, so a hostile one ends as a corrupted channel rather than in the parent.
     */
    static void checkStructure(byte[] encoded) throws ChannelCorruptedException {
        if (encoded.length == 0) {
            return; // a result without a throwable
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            Frames.readBytes(in);
            rebuild(in, 0, new int[1]);
        } catch (ChannelCorruptedException e) {
            throw new ChannelCorruptedException("the test's throwable: " + e.getMessage());
        } catch (IOException e) {
            throw new ChannelCorruptedException("the test's throwable ends before its description does");
        }
    }

    /**
     * A JDK's helpful NullPointerException message ("Cannot invoke ... because "s" is null") is computed from
     * the bytecode, lazily, in the JVM that threw it, and is not serialized: rebuilt here it would say null. The
     * child's description has the message it saw; the exception gets it back, with its stack, cause and
     * suppressed ones.
     */
    private static Throwable withTheChildsMessage(Throwable original, ThrowableStandIn described) {
        if (!(original instanceof NullPointerException) || original.getMessage() != null || described == null
                || described.getMessage() == null || original.getClass() != NullPointerException.class) {
            return original;
        }
        NullPointerException withMessage = new NullPointerException(described.getMessage());
        withMessage.setStackTrace(original.getStackTrace());
        if (original.getCause() != null) {
            withMessage.initCause(original.getCause());
        }
        for (Throwable suppressed : original.getSuppressed()) {
            withMessage.addSuppressed(suppressed);
        }
        return withMessage;
    }

    private static byte[] serialize(Throwable throwable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(throwable);
        } catch (IOException | RuntimeException notSerializable) {
            return new byte[0]; // the description alone will have to do
        }
        return bytes.toByteArray();
    }

    private static Throwable deserialize(byte[] serialized, ClassLoader loader) {
        if (serialized.length == 0) {
            return null;
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader,
                DeserializationFilters.forThrowables())) {
            return (Throwable) in.readObject();
        } catch (Exception | LinkageError cannotRebuild) {
            return null;
        }
    }

    private static void describe(DataOutputStream out, Throwable t, Set<Throwable> seen, int depth)
            throws IOException {
        boolean present = t != null && depth < MAX_DEPTH && seen.add(t);
        out.writeBoolean(present);
        if (!present) {
            return;
        }
        Frames.writeString(out, t.getClass().getName());
        String message = safeMessage(t);
        out.writeBoolean(message != null);
        if (message != null) {
            Frames.writeString(out, message);
        }
        StackTraceElement[] stack = t.getStackTrace();
        out.writeInt(stack.length);
        for (StackTraceElement frame : stack) {
            StackFrames.write(out, frame);
        }
        describe(out, t.getCause(), seen, depth + 1);
        Throwable[] suppressed = t.getSuppressed();
        out.writeInt(suppressed.length);
        for (Throwable s : suppressed) {
            describe(out, s, seen, depth + 1);
        }
    }

    private static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException broken) {
            return "<getMessage() threw " + broken + ">";
        }
    }

    /** {@code count[0]}: the throwables rebuilt so far, bounded like the depth. */
    private static ThrowableStandIn rebuild(DataInputStream in, int depth, int[] count) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        if (depth >= MAX_DEPTH) {
            throw new ChannelCorruptedException("causes and suppressed exceptions nested deeper than " + MAX_DEPTH);
        }
        if (++count[0] > MAX_THROWABLES) {
            throw new ChannelCorruptedException("more than " + MAX_THROWABLES + " causes and suppressed exceptions");
        }
        String className = Frames.readString(in);
        String message = in.readBoolean() ? Frames.readString(in) : null;
        int frames = Frames.readCount(in, ChannelReader.MAX_STACK_FRAMES, ChannelReader.MIN_STACK_FRAME_BYTES,
                "stack frame");
        StackTraceElement[] stack = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            stack[i] = StackFrames.read(in);
        }
        ThrowableStandIn cause = rebuild(in, depth + 1, count);
        ThrowableStandIn standIn = new ThrowableStandIn(className, message, cause);
        standIn.setStackTrace(stack);
        int suppressed = Frames.readCount(in, MAX_THROWABLES, 1, "suppressed exception");
        List<ThrowableStandIn> list = new ArrayList<>(suppressed);
        for (int i = 0; i < suppressed; i++) {
            list.add(rebuild(in, depth + 1, count));
        }
        list.stream().filter(s -> s != null).forEach(standIn::addSuppressed);
        return standIn;
    }
}
