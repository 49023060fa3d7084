package io.github.nsunit.internal.channel;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Frame 7 carries the processes a test left running; a listener that does not care ignores it. */
class LeftoverProcessesFrameTests {

    @Test
    void theListArrivesWholeWithCommandLinesOfAnyContent() throws IOException {
        List<String> processes = List.of("17 sleep 300", "18 sh -c 'x; y' \"$@\" \n ünïcode");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChannelWriter writer = new ChannelWriter(wire);
        writer.leftoverProcesses(processes);
        writer.result(new TestResult(TestResult.Status.SUCCESSFUL, null, null));

        List<List<String>> received = new ArrayList<>();
        List<TestResult> results = new ArrayList<>();
        new ChannelReader(new ByteArrayInputStream(wire.toByteArray())).readAll(new Ignoring() {
            @Override
            public void leftoverProcesses(List<String> left) {
                received.add(left);
            }

            @Override
            public void result(TestResult result) {
                results.add(result);
            }
        });

        assertThat(received).containsExactly(processes);
        assertThat(results).extracting(TestResult::status).containsExactly(TestResult.Status.SUCCESSFUL);
    }

    @Test
    void aListenerWithoutInterestSkipsTheFrameAndStillGetsTheResult() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChannelWriter writer = new ChannelWriter(wire);
        writer.leftoverProcesses(List.of("17 sleep 300"));
        writer.result(new TestResult(TestResult.Status.FAILED, null, "x"));

        List<TestResult> results = new ArrayList<>();
        new ChannelReader(new ByteArrayInputStream(wire.toByteArray())).readAll(new Ignoring() {
            @Override
            public void result(TestResult result) {
                results.add(result);
            }
        });

        assertThat(results).extracting(TestResult::reason).containsExactly("x");
    }

    private static class Ignoring implements ChannelListener {
        @Override
        public void reportEntry(Map<String, String> entry) {
        }

        @Override
        public void result(TestResult result) {
        }

        @Override
        public void exitCall(ExitCall call) {
        }

        @Override
        public void measurement(String name, long value) {
        }
    }
}
