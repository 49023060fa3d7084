package io.github.nsunit.samples;

import io.github.nsunit.IsolatedHostname;
import io.github.nsunit.IsolatedMount;
import io.github.nsunit.IsolatedNetwork;
import io.github.nsunit.IsolatedPid;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic container demo, as tests: {@code unshare --fork --pid --mount-proc bash} shows two processes;
 * a fresh network namespace has only its own loopback; a UTS namespace has its own hostname.
 */
class ContainerDemoTest {

    @Test
    @IsolatedPid
    void processListHoldsOnlyThisTestsProcesses() throws Exception {
        Process ps = new ProcessBuilder("ps", "-e", "-o", "pid=,comm=").start();
        List<String> processes = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().map(String::strip).collect(Collectors.toList());
        ps.waitFor();
        System.out.println("processes visible inside the test:\n  " + String.join("\n  ", processes));
        // the namespace's PID 1 (a small sh that waits for the JVM), the JVM, and ps itself: nothing of the host
        assertThat(processes).hasSizeLessThanOrEqualTo(4);
        assertThat(processes).anyMatch(line -> line.endsWith("java"));
        assertThat(ProcessHandle.allProcesses().count()).isLessThanOrEqualTo(4);
    }

    @Test
    @IsolatedNetwork
    void serverOnLoopbackIsPrivateToTheTest() throws IOException {
        try (ServerSocket server = new ServerSocket(80, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), 80);
             Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = accepted.getInputStream();
            assertThat(new String(in.readNBytes(4), StandardCharsets.UTF_8)).isEqualTo("ping");
        }
        try (Stream<String> interfaces = Files.lines(Path.of("/proc/net/dev"))) {
            assertThat(interfaces.skip(2).map(line -> line.split(":")[0].strip())).containsExactly("lo");
        }
    }

    @Test
    @IsolatedHostname("nsunit-demo")
    void hasItsOwnHostname() throws IOException {
        assertThat(InetAddress.getLocalHost().getHostName()).isEqualTo("nsunit-demo");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isEqualTo("nsunit-demo");
    }

    @Test
    @IsolatedMount
    void hasAnEmptyPrivateTmp() throws IOException {
        // a build that itself runs under /tmp finds its own directory carried over, and nothing else
        Path build = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        try (Stream<Path> files = Files.list(Path.of("/tmp"))) {
            assertThat(files).allMatch(file -> build.startsWith(file));
        }
        Files.writeString(Path.of("/tmp/only-in-this-test"), "never on the host");
    }
}
