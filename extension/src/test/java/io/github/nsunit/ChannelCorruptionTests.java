package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child that writes its own frames into its result channel (file descriptor 3) gets one clear verdict, the
 * corrupted channel, however hostile the frame: the parent allocates nothing for its counts and is not fooled
 * into the test's own result.
 */
class ChannelCorruptionTests {
    private static EngineRun run;

    @BeforeAll
    static void runHostileChildren() {
        run = EngineRun.of(HostileTestCase.class);
    }

    @Test
    void aFrameClaiming400MillionStackFramesIsACorruptedChannel() {
        ChildJvmException failure = (ChildJvmException) run.failure("claimsHugeStack");

        assertThat(failure.reason()).isEqualTo(Reason.CHANNEL_CORRUPTED);
        assertThat(failure).hasMessageStartingWith(
                "ChannelCorruptionTests.HostileTestCase.claimsHugeStack(): the child's result channel was corrupted: exit call frame:"
                        + " stack frame count 400000000 is outside 0..100000");
    }

    @Test
    void aResultWithAnUnknownStatusIsACorruptedChannel() {
        ChildJvmException failure = (ChildJvmException) run.failure("reportsUnknownStatus");

        assertThat(failure.reason()).isEqualTo(Reason.CHANNEL_CORRUPTED);
        assertThat(failure).hasMessageContaining("result frame: unknown test status \"TRIUMPHANT\"");
    }

    @Test
    void aResultWithANegativeCountIsACorruptedChannelNotThePassItClaims() {
        ChildJvmException failure = (ChildJvmException) run.failure("claimsPassWithNegativeStack");

        assertThat(failure.reason()).isEqualTo(Reason.CHANNEL_CORRUPTED);
        assertThat(failure).hasMessageContaining("the test's throwable: stack frame count -1 is outside 0..100000");
    }

    static class HostileTestCase {
        @Test
        @Forked
        void claimsHugeStack() throws IOException {
            writeFrame(4, payload -> {
                payload.writeInt(3);
                writeString(payload, "exit");
                writeString(payload, "main");
                payload.writeInt(400_000_000);
            });
        }

        @Test
        @Forked
        void reportsUnknownStatus() throws IOException {
            writeFrame(3, payload -> {
                payload.writeUTF("TRIUMPHANT");
                payload.writeInt(0);
                writeString(payload, "");
            });
        }

        @Test
        @Forked
        void claimsPassWithNegativeStack() throws IOException {
            writeFrame(3, payload -> {
                payload.writeUTF("SUCCESSFUL");
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream throwable = new DataOutputStream(bytes);
                throwable.writeInt(0); // no serialized form
                throwable.writeBoolean(true);
                writeString(throwable, "java.lang.Error");
                throwable.writeBoolean(false);
                throwable.writeInt(-1);
                payload.writeInt(bytes.size());
                payload.write(bytes.toByteArray());
                writeString(payload, "");
            });
            throw new AssertionError("the test's own failure, which the corrupted channel must not hide");
        }

        interface Payload {
            void write(DataOutputStream payload) throws IOException;
        }

        /** One frame as the protocol lays it out (type, length, payload), written past nsunit into fd 3. */
        static void writeFrame(int type, Payload content) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.write(new DataOutputStream(bytes));
            try (DataOutputStream channel = new DataOutputStream(new FileOutputStream("/proc/self/fd/3"))) {
                channel.writeByte(type);
                channel.writeInt(bytes.size());
                channel.write(bytes.toByteArray());
            }
        }

        static void writeString(DataOutputStream out, String value) throws IOException {
            byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }
}
