package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nsunit.debug.jdwp starts the child with JDWP listening and suspended: the test does not run until a
 * debugger attaches, and runs to its own end once it resumes the JVM. The debugger here speaks JDWP itself
 * (the handshake, then VirtualMachine.Resume), which is what jdb and IntelliJ do first.
 */
class DebuggerAttachTests {
    private static final byte[] HANDSHAKE = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theChildWaitsForTheDebuggerAndRunsItsTestOnceResumed() throws Exception {
        int port = freePort();
        Path ran = Files.createTempFile("nsunit-jdwp-", ".ran");
        Files.delete(ran);
        System.setProperty(MarkingTestCase.MARKER, ran.toString()); // the child gets the parent's properties
        try {
            CompletableFuture<EngineRun> run = CompletableFuture.supplyAsync(() -> EngineRun.of(
                    MarkingTestCase.class, Map.of(Forked.DEBUG_JDWP_PROPERTY_NAME, "localhost:" + port)));
            try (Socket debugger = connect(port)) {
                debugger.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(debugger.getOutputStream());
                DataInputStream in = new DataInputStream(debugger.getInputStream());
                out.write(HANDSHAKE);
                byte[] answer = new byte[HANDSHAKE.length];
                in.readFully(answer);
                assertThat(answer).isEqualTo(HANDSHAKE);

                Thread.sleep(1000);
                assertThat(ran).as("the test ran before the debugger resumed the child").doesNotExist();
                assertThat(run).isNotDone();

                // VirtualMachine.Resume: length 11, id 1, flags 0, command set 1, command 9
                out.writeInt(11);
                out.writeInt(1);
                out.write(new byte[] {0, 1, 9});
                out.flush();
                assertThat(replyErrorCode(in, 1)).as("the error code of the reply to Resume").isZero();

                EngineRun result = run.get(60, TimeUnit.SECONDS);
                FaultTests.assertPassed(result, "marks");
                assertThat(ran).exists();
                assertThat(result.stderr).contains("[nsunit] DebuggerAttachTests.MarkingTestCase.marks(): its child JVM"
                        + " (pid").contains("waits for a debugger on localhost:" + port + " (nsunit.debug.jdwp)")
                        .contains("attach: jdb -attach localhost:" + port);
            }
        } finally {
            System.clearProperty(MarkingTestCase.MARKER);
            Files.deleteIfExists(ran);
        }
    }

    @Test
    void anAddressThatIsNotOneFailsNamingTheAcceptedForm() {
        EngineRun run = EngineRun.of(MarkingTestCase.class, Map.of(Forked.DEBUG_JDWP_PROPERTY_NAME, "70000"));

        assertThat(run.failure("marks")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.debug.jdwp=\"70000\" is not a debug address: expected a"
                        + " port (5005) or host:port (*:5005, localhost:5005), the port from 1 to 65535");
    }

    /** Skips the events the JVM sends (VMStart first) up to the reply to command {@code id}, and its error code. */
    private static short replyErrorCode(DataInputStream in, int id) throws IOException {
        while (true) {
            int length = in.readInt();
            int packetId = in.readInt();
            byte flags = in.readByte();
            if (flags == (byte) 0x80 && packetId == id) {
                short errorCode = in.readShort();
                in.skipNBytes(length - 11);
                return errorCode;
            }
            in.skipNBytes(length - 9); // an event: command set and command, then its data
        }
    }

    private static Socket connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no child JVM listened for a debugger on port " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Forked
    static class MarkingTestCase {
        static final String MARKER = "nsunit.test.marker";

        @Test
        void marks() throws IOException {
            Files.createFile(Path.of(System.getProperty(MARKER, "/nonexistent/no-marker-given")));
        }
    }
}
