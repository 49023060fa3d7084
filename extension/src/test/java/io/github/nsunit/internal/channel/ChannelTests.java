package io.github.nsunit.internal.channel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelTests {

    @Test
    void framesArriveWholeAndInTheOrderTheyWereSent() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        StackTraceElement frame = new StackTraceElement("app", "my.module", "1.0", "com.example.Demo", "leaks",
                "Demo.java", 42);
        byte[] thrown = ThrowableCodec.encode(new IllegalStateException("why not"));
        try (ChannelWriter writer = new ChannelWriter(wire)) {
            writer.reportEntry(Map.of("key", "välue ✓"));
            writer.measurement("heap at start", 12_345_678_901L);
            writer.exitCall(new ExitCall(3, "System.exit", "main", List.of(frame)));
            writer.result(new TestResult(TestResult.Status.ABORTED, thrown, "why"));
        }

        Recorder recorder = read(wire.toByteArray());

        assertThat(recorder.events).containsExactly("entry {key=välue ✓}", "measurement heap at start=12345678901",
                "exit 3 System.exit main [" + frame + "]", "result ABORTED " + Arrays.toString(thrown) + " why");
        assertThat(recorder.exitStack.get(0).getClassLoaderName()).isEqualTo("app");
        assertThat(recorder.exitStack.get(0).getModuleVersion()).isEqualTo("1.0");
    }

    @Test
    void aResultWithoutThrowableOrReasonArrivesEmpty() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new ChannelWriter(wire).result(new TestResult(TestResult.Status.SUCCESSFUL, null, null));

        assertThat(read(wire.toByteArray()).events).containsExactly("result SUCCESSFUL [] ");
    }

    @Test
    void aFrameOfAnUnknownTypeIsSkipped() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChannelWriter writer = new ChannelWriter(wire);
        DataOutputStream raw = new DataOutputStream(wire);
        raw.writeByte(99);
        raw.writeInt(5);
        raw.write(new byte[] {3, 0, 0, 0, 9}); // would read as a RESULT frame if the reader did not skip it
        writer.reportEntry(Map.of("after", "the unknown frame"));

        assertThat(read(wire.toByteArray()).events).containsExactly("entry {after=the unknown frame}");
    }

    @Test
    void aFrameCutShortIsDetectedAfterTheWholeFramesBeforeItWereDelivered() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChannelWriter writer = new ChannelWriter(wire);
        writer.reportEntry(Map.of("whole", "yes"));
        writer.result(new TestResult(TestResult.Status.FAILED, new byte[100], "cut"));
        byte[] bytes = wire.toByteArray();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);

        Recorder recorder = new Recorder();
        assertThatThrownBy(() -> new ChannelReader(new ByteArrayInputStream(truncated)).readAll(recorder))
                .isInstanceOf(EOFException.class).hasMessageContaining("channel ended inside a frame");
        assertThat(recorder.events).containsExactly("entry {whole=yes}");
    }

    @Test
    void aChannelThatNeverOpenedEndsWithoutFrames() throws IOException {
        assertThat(read(new byte[0]).events).isEmpty();
    }

    @Test
    void bytesThatAreNotAChannelAreRefused() {
        assertThatThrownBy(() -> read("hello, world".getBytes()))
                .isInstanceOf(IOException.class).hasMessage("not an nsunit channel: magic 0x68656C6C");
    }

    @Test
    void anImpossibleFrameLengthIsRefusedNotAllocated() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new ChannelWriter(wire);
        DataOutputStream raw = new DataOutputStream(wire);
        raw.writeByte(FrameType.RESULT.code);
        raw.writeInt(-5);

        assertThatThrownBy(() -> read(wire.toByteArray()))
                .isInstanceOf(IOException.class).hasMessage("corrupt frame length -5 for frame type 3");
    }

    @Test
    void anAssignmentIsReadWithoutConsumingWhatFollowsIt() throws IOException {
        Assignment assignment = Assignment.test("[engine:junit-jupiter]/[class:Demo]/[method:leaks()]",
                Map.of("junit.jupiter.execution.timeout.mode", "enabled"), ChildSettings.NONE.withLoopbackUp()
                        .withHostname("sandbox").withDeniedSyscalls(List.of("mkdir", "mkdirat")).withPidNamespace()
                        .withMemoryHandshake().withDebugHold());
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        AssignmentCodec.write(assignment, stdin);
        stdin.write("input for the test".getBytes());
        ByteArrayInputStream in = new ByteArrayInputStream(stdin.toByteArray());

        assertThat(AssignmentCodec.read(in)).isEqualTo(assignment);
        assertThat(new String(in.readAllBytes())).isEqualTo("input for the test");
    }

    @Test
    void aTaskAssignmentKeepsItsWork() throws IOException {
        byte[] task = {(byte) 0xAC, (byte) 0xED, 0, 5};
        for (Assignment.Work work : List.of(new Assignment.SerializedTask(task), new Assignment.TaskClass("demo.Task"))) {
            ByteArrayOutputStream stdin = new ByteArrayOutputStream();
            AssignmentCodec.write(new Assignment(work, Map.of(), ChildSettings.NONE), stdin);

            Assignment.Work read = AssignmentCodec.read(new ByteArrayInputStream(stdin.toByteArray())).work();
            if (work instanceof Assignment.SerializedTask) {
                assertThat(((Assignment.SerializedTask) read).serialized()).isEqualTo(task);
            } else {
                assertThat(read).isEqualTo(work);
            }
        }
    }

    @Test
    void anAssignmentMustBeAnAssignmentFrame() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new ChannelWriter(wire).reportEntry(Map.of());

        assertThatThrownBy(() -> AssignmentCodec.read(new ByteArrayInputStream(wire.toByteArray())))
                .isInstanceOf(IOException.class).hasMessage("expected an assignment frame, got type 2");
    }

    private static Recorder read(byte[] bytes) throws IOException {
        Recorder recorder = new Recorder();
        new ChannelReader(new ByteArrayInputStream(bytes)).readAll(recorder);
        return recorder;
    }

    private static final class Recorder implements ChannelListener {
        final List<String> events = new ArrayList<>();
        List<StackTraceElement> exitStack;

        @Override
        public void reportEntry(Map<String, String> entry) {
            events.add("entry " + entry);
        }

        @Override
        public void result(TestResult result) {
            events.add("result " + result.status() + " " + Arrays.toString(result.throwable()) + " "
                    + result.reason());
        }

        @Override
        public void exitCall(ExitCall call) {
            exitStack = call.stack();
            events.add("exit " + call.status() + " " + call.call() + " " + call.threadName() + " " + call.stack());
        }

        @Override
        public void measurement(String name, long value) {
            events.add("measurement " + name + "=" + value);
        }
    }
}
