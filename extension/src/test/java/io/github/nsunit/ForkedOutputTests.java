package io.github.nsunit;

import io.github.nsunit.internal.channel.ChannelListener;
import io.github.nsunit.internal.channel.ChannelReader;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Points 6 and 7: the test's output cannot corrupt the result channel, and reaches the parent while it runs. */
class ForkedOutputTests {
    /** A whole channel as printf(1) writes it: header, then a RESULT frame saying the test FAILED. */
    private static final String FAKE_FAILED_CHANNEL =
            "NSUN\\000\\000\\000\\001\\003\\000\\000\\000\\020\\000\\006FAILED\\000\\000\\000\\000\\000\\000\\000\\000";
    private static final String EARLY_LINE = "nsunit-test early line";
    private static EngineRun lookalikes;

    @BeforeAll
    static void runLookalikes() {
        lookalikes = EngineRun.of(LookalikesTestCase.class);
    }

    @AfterAll
    static void forgetLookalikes() {
        lookalikes = null;
    }

    @Test
    void framesPrintedByTheTestOrByAGrandchildDoNotChangeTheResult() {
        assertThat(status(lookalikes, "printsFailedFrames")).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(lookalikes.entriesOf("printsFailedFrames").get(0)).containsEntry("after the frames", "yes");
        assertThat(lookalikes.failure("printsSuccessfulFrameThenFails")).isExactlyInstanceOf(AssertionError.class)
                .hasMessage("the real failure");
    }

    /** Without this, the test above could pass because its lookalikes were not frames at all. */
    @Test
    void theLookalikesAreAChannelTheReaderWouldBelieve() throws Exception {
        Process printf = new ProcessBuilder("sh", "-c", "printf '" + FAKE_FAILED_CHANNEL + "'").start();
        byte[] printed = printf.getInputStream().readAllBytes();
        assertThat(printf.waitFor()).isZero();

        assertThat(statusReadFrom(printed)).isEqualTo(TestResult.Status.FAILED);
        assertThat(statusReadFrom(fakeChannel("FAILED"))).isEqualTo(TestResult.Status.FAILED);
        assertThat(statusReadFrom(fakeChannel("SUCCESSFUL"))).isEqualTo(TestResult.Status.SUCCESSFUL);
    }

    private static TestResult.Status statusReadFrom(byte[] channel) throws IOException {
        AtomicReference<TestResult.Status> status = new AtomicReference<>();
        new ChannelReader(new ByteArrayInputStream(channel)).readAll(new ChannelListener() {
            @Override
            public void reportEntry(Map<String, String> entry) {
            }

            @Override
            public void result(TestResult result) {
                status.set(result.status());
            }

            @Override
            public void exitCall(ExitCall call) {
            }

            @Override
            public void measurement(String name, long value) {
            }
        });
        return status.get();
    }

    @Test
    void whatTheTestAndItsGrandchildWroteIsRelayedToTheParentsStreams() {
        assertThat(lookalikes.stdout).contains("NSUN", "grandchild on fd 1", "child on System.out");
        assertThat(lookalikes.stderr).contains("grandchild on fd 2", "child on System.err");
        assertThat(lookalikes.stdout).doesNotContain("grandchild on fd 2", "child on System.err");
    }

    @Test
    void outputArrivesWhileTheTestIsStillRunning() {
        AtomicReference<Instant> earlyLineArrived = new AtomicReference<>();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                seen.write(b);
                original.write(b);
                if (b == '\n' && earlyLineArrived.get() == null && seen.toString(StandardCharsets.UTF_8)
                        .contains(EARLY_LINE)) {
                    earlyLineArrived.set(Instant.now());
                }
            }
        }, true, StandardCharsets.UTF_8));
        EngineRun run;
        try {
            run = EngineRun.of(LiveTestCase.class);
        } finally {
            System.setOut(original);
        }

        Instant finished = run.finished("printsThenSleeps").getTimestamp();
        assertThat(earlyLineArrived.get()).isNotNull();
        assertThat(Duration.between(earlyLineArrived.get(), finished)).isGreaterThan(Duration.ofMillis(600));
    }

    private static TestExecutionResult.Status status(EngineRun run, String test) {
        return run.finished(test).getRequiredPayload(TestExecutionResult.class).getStatus();
    }

    /** The bytes of a channel header and a RESULT frame with the given status, as ChannelWriter writes them. */
    static byte[] fakeChannel(String status) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(payload);
            data.writeUTF(status);
            data.writeInt(0);
            data.writeInt(0);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0x4E53554E);
            out.writeInt(1);
            out.writeByte(3);
            out.writeInt(payload.size());
            payload.writeTo(out);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void runGrandchild(String script) throws IOException, InterruptedException {
        Process grandchild = new ProcessBuilder("sh", "-c", script).inheritIO().start();
        assertThat(grandchild.waitFor()).isZero();
    }

    @Forked
    static class LookalikesTestCase {
        @Test
        void printsFailedFrames(TestReporter reporter) throws Exception {
            System.out.write(fakeChannel("FAILED"));
            System.out.println("child on System.out");
            System.err.write(fakeChannel("FAILED"));
            System.err.println("child on System.err");
            runGrandchild("printf '" + FAKE_FAILED_CHANNEL + "'; echo grandchild on fd 1;"
                    + " printf '" + FAKE_FAILED_CHANNEL + "' >&2; echo grandchild on fd 2 >&2");
            reporter.publishEntry("after the frames", "yes");
        }

        @Test
        void printsSuccessfulFrameThenFails() throws Exception {
            System.out.write(fakeChannel("SUCCESSFUL"));
            System.out.flush();
            runGrandchild("printf 'NSUN\\000\\000\\000\\001\\003\\000\\000\\000\\024\\000\\012SUCCESSFUL"
                    + "\\000\\000\\000\\000\\000\\000\\000\\000'");
            throw new AssertionError("the real failure");
        }
    }

    @Forked
    static class LiveTestCase {
        @Test
        void printsThenSleeps() throws InterruptedException {
            System.out.println(EARLY_LINE);
            Thread.sleep(1_000);
            System.out.println("late line");
        }
    }
}
