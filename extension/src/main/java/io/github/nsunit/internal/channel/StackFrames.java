package io.github.nsunit.internal.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Stack frames on the wire, with every field {@link StackTraceElement} keeps. */
final class StackFrames {
    private StackFrames() {
    }

    static void write(DataOutputStream out, StackTraceElement frame) throws IOException {
        Frames.writeString(out, nullToEmpty(frame.getClassLoaderName()));
        Frames.writeString(out, nullToEmpty(frame.getModuleName()));
        Frames.writeString(out, nullToEmpty(frame.getModuleVersion()));
        Frames.writeString(out, frame.getClassName());
        Frames.writeString(out, frame.getMethodName());
        Frames.writeString(out, nullToEmpty(frame.getFileName()));
        out.writeInt(frame.getLineNumber());
    }

    static StackTraceElement read(DataInputStream in) throws IOException {
        String loader = emptyToNull(Frames.readString(in));
        String module = emptyToNull(Frames.readString(in));
        String moduleVersion = emptyToNull(Frames.readString(in));
        String className = Frames.readString(in);
        String method = Frames.readString(in);
        String file = emptyToNull(Frames.readString(in));
        int line = in.readInt();
        return new StackTraceElement(loader, module, moduleVersion, className, method, file, line);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
