package io.github.nsunit.internal.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wire format of the channel: a header ({@link #MAGIC}, {@link #VERSION}), then frames of
 * {@code type:u8 length:s32 payload}. Strings are length-prefixed UTF-8 so no size limit applies.
 */
final class Frames {
    static final int MAGIC = 0x4E53554E; // "NSUN"
    static final int VERSION = 1;
    /** A frame larger than this is a corrupt stream, not a result: refuse it instead of allocating it. */
    static final int MAX_FRAME = 256 * 1024 * 1024;

    private Frames() {
    }

    static void writeHeader(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.flush();
    }

    static void readHeader(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("not an nsunit channel: magic 0x%08X", magic));
        }
        int version = in.readInt();
        if (version < 1) {
            throw new IOException("unsupported nsunit channel version " + version);
        }
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("corrupt string length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("corrupt byte array length " + length);
        }
        return in.readNBytes(length);
    }

    /** Reads exactly {@code n} bytes or fails: a short frame means the child died while writing it. */
    static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("channel ended inside a frame (" + bytes.length + " of " + n + " bytes)");
        }
        return bytes;
    }
}
