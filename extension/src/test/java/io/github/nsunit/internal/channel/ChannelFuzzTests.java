package io.github.nsunit.internal.channel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parent reads whatever the child's channel holds: random bytes and mutated valid streams (bit flips, cuts,
 * counts replaced by huge or negative ones) either read cleanly, end early (EOF, as a child that died mid-write),
 * or are a {@link ChannelCorruptedException}; never an error in the parent (out of memory, a stack overflow, an
 * unchecked exception). Seeded, so a failing case can be replayed.
 */
class ChannelFuzzTests {
    private static final long SEED = 0x5EEDL;
    private static final int CASES = 12_000;

    @Test
    void randomAndMutatedChannelsEndCleanlyOrAsCorruption() throws IOException {
        Random random = new Random(SEED);
        List<byte[]> valid = validChannels();
        int corrupted = 0;
        int cut = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = switch (i % 4) {
                case 0 -> randomAfterHeader(random);
                case 1 -> flipBits(valid.get(random.nextInt(valid.size())), random);
                case 2 -> truncate(valid.get(random.nextInt(valid.size())), random);
                default -> overwriteInt(valid.get(random.nextInt(valid.size())), random);
            };
            try {
                new ChannelReader(new ByteArrayInputStream(input)).readAll(new DecodingListener());
            } catch (ChannelCorruptedException expected) {
                corrupted++;
            } catch (EOFException expected) {
                cut++;
            } catch (IOException | RuntimeException | Error wrong) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + wrong, wrong);
            }
        }
        assertThat(corrupted).as("cases read as corrupted").isGreaterThan(CASES / 10);
        assertThat(cut).as("cases read as cut short").isPositive();
    }

    @Test
    void twoHundredThousandNestedCausesAreCutAtTheDepthLimit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream throwable = new DataOutputStream(bytes);
        throwable.writeInt(0);
        for (int i = 0; i < 200_000; i++) {
            throwable.writeBoolean(true);
            Frames.writeString(throwable, "java.lang.Error");
            throwable.writeBoolean(false);
            throwable.writeInt(0); // no stack; the cause follows
        }
        assertThatThrownBy(() -> ThrowableCodec.checkStructure(bytes.toByteArray()))
                .isInstanceOf(ChannelCorruptedException.class)
                .hasMessage("the test's throwable: causes and suppressed exceptions nested deeper than 64");
    }

    @Test
    void aTwentyByteFrameCannotClaimAnAllocation() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(payload);
        data.writeInt(1);
        Frames.writeString(data, "");
        Frames.writeString(data, "");
        data.writeInt(400_000_000);
        assertThat(payload.size()).isLessThanOrEqualTo(20);

        assertThatThrownBy(() -> read(frame(FrameType.EXIT_CALL.code, payload.toByteArray())))
                .isInstanceOf(ChannelCorruptedException.class)
                .hasMessage("exit call frame: stack frame count 400000000 is outside 0..100000");
    }

    @Test
    void aCountThatTheFrameCannotHoldIsRefusedBeforeAnyAllocation() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        new DataOutputStream(payload).writeInt(900);

        assertThatThrownBy(() -> read(frame(FrameType.LEFTOVER_PROCESSES.code, payload.toByteArray())))
                .isInstanceOf(ChannelCorruptedException.class)
                .hasMessage("leftover processes frame: leftover process count 900 does not fit in the 0 bytes"
                        + " left in the frame");
    }

    private static void read(byte[] channel) throws IOException {
        new ChannelReader(new ByteArrayInputStream(channel)).readAll(new DecodingListener());
    }

    /** Every kind of frame a child writes, as real writers write them. */
    private static List<byte[]> validChannels() {
        List<byte[]> channels = new ArrayList<>();
        Throwable nested = new IllegalStateException("outer", new RuntimeException("inner"));
        nested.addSuppressed(new Error("suppressed"));
        for (Throwable thrown : List.of(nested, new AssertionError("plain"))) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ChannelWriter writer = new ChannelWriter(wire);
            writer.reportEntry(Map.of("key", "value"));
            writer.measurement("ready", 42);
            writer.exitCall(new ExitCall(3, "exit", "main", List.of(new Throwable().getStackTrace())));
            writer.leftoverProcesses(List.of("12 sleep 300"));
            writer.returnValue(new byte[] {1, 2, 3});
            writer.result(new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(thrown), "reason"));
            channels.add(wire.toByteArray());
        }
        return channels;
    }

    private static byte[] randomAfterHeader(Random random) {
        byte[] header = validChannels().get(0);
        byte[] input = new byte[8 + random.nextInt(200)];
        System.arraycopy(header, 0, input, 0, 8);
        for (int i = 8; i < input.length; i++) {
            input[i] = (byte) random.nextInt(256);
        }
        return input;
    }

    private static byte[] flipBits(byte[] valid, Random random) {
        byte[] input = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            int at = 8 + random.nextInt(input.length - 8);
            input[at] ^= (byte) (1 << random.nextInt(8));
        }
        return input;
    }

    private static byte[] truncate(byte[] valid, Random random) {
        return java.util.Arrays.copyOf(valid, 8 + random.nextInt(valid.length - 8));
    }

    private static byte[] overwriteInt(byte[] valid, Random random) {
        byte[] input = valid.clone();
        int at = 8 + random.nextInt(input.length - 12);
        int value = switch (random.nextInt(3)) {
            case 0 -> -1 - random.nextInt(Integer.MAX_VALUE);
            case 1 -> Integer.MAX_VALUE - random.nextInt(1000);
            default -> random.nextInt(1_000_000_000);
        };
        input[at] = (byte) (value >>> 24);
        input[at + 1] = (byte) (value >>> 16);
        input[at + 2] = (byte) (value >>> 8);
        input[at + 3] = (byte) value;
        return input;
    }

    private static byte[] frame(int type, byte[] payload) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        Frames.writeHeader(out);
        out.writeByte(type);
        out.writeInt(payload.length);
        out.write(payload);
        return wire.toByteArray();
    }

    /** Decodes what the reader hands over, as the parent does, so decoding is fuzzed too. */
    private static final class DecodingListener implements ChannelListener {
        @Override
        public void reportEntry(Map<String, String> entry) {
        }

        @Override
        public void result(TestResult result) {
            ThrowableCodec.decode(result.throwable(), ChannelFuzzTests.class.getClassLoader());
        }

        @Override
        public void exitCall(ExitCall call) {
        }

        @Override
        public void measurement(String name, long value) {
        }
    }
}
