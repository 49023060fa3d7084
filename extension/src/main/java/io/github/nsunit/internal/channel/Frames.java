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
    /** Report entries and configuration parameters are a handful; JUnit's own maps are far below this. */
    static final int MAX_MAP_ENTRIES = 65_536;

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
            throw new ChannelCorruptedException(String.format("not an nsunit channel: magic 0x%08X", magic));
        }
        int version = in.readInt();
        if (version < 1) {
            throw new ChannelCorruptedException("unsupported nsunit channel version " + version);
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
            throw new ChannelCorruptedException("corrupt string length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new ChannelCorruptedException("a string of " + length + " bytes ended after " + bytes.length);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A count read from a frame's payload (an in-memory stream, whose {@code available()} is exact): at most
     * {@code max}, and no more elements than the bytes left could hold at {@code minBytesEach} each, so a
     * 20-byte frame cannot make the parent allocate for 400 million elements.
     */
    static int readCount(DataInputStream payload, int max, int minBytesEach, String what) throws IOException {
        int count = payload.readInt();
        if (count < 0 || count > max) {
            throw new ChannelCorruptedException(what + " count " + count + " is outside 0.." + max);
        }
        int left = payload.available();
        if ((long) count * minBytesEach > left) {
            throw new ChannelCorruptedException(what + " count " + count + " does not fit in the " + left
                    + " bytes left in the frame");
        }
        return count;
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(out, entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    /** A map from a frame's payload (see {@link #readCount}). */
    static Map<String, String> readMap(DataInputStream payload) throws IOException {
        return readMap(payload, readCount(payload, MAX_MAP_ENTRIES, 8, "map entry"));
    }

    /** A map from the parent's own assignment on the child's stdin, where {@code available()} says nothing. */
    static Map<String, String> readAssignedMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > MAX_MAP_ENTRIES) {
            throw new IOException("corrupt map size " + size);
        }
        return readMap(in, size);
    }

    private static Map<String, String> readMap(DataInputStream in, int size) throws IOException {
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
            throw new ChannelCorruptedException("corrupt byte array length " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new ChannelCorruptedException("a byte array of " + length + " bytes ended after " + bytes.length);
        }
        return bytes;
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
