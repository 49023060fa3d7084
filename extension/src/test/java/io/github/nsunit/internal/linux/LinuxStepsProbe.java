package io.github.nsunit.internal.linux;

import io.github.nsunit.internal.seccomp.SeccompFilter;
import io.github.nsunit.internal.seccomp.SeccompInstaller;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A child-process main for the kernel tests: each command changes this process irreversibly (namespaces,
 * seccomp), so the tests run it in a fresh JVM and assert on the "key=value" lines it prints.
 */
public final class LinuxStepsProbe {

    public static void main(String[] args) throws Exception {
        try {
            run(args[0], Arrays.copyOfRange(args, 1, args.length));
        } catch (LinuxCallException | IllegalArgumentException e) {
            System.out.println("error=" + e.getMessage());
            System.exit(3);
        }
    }

    private static void run(String command, String[] args) throws Exception {
        switch (command) {
            case "timing":
                timing();
                break;
            case "no-native-step":
                // Everything a child does without a native step: validation and building the filter.
                Hostname.validate("nsunit-box");
                System.out.println("filter=" + SeccompFilter.denying(List.of("mkdir")).instructionCount());
                System.out.println("step-class=" + LoopbackUp.class.getSimpleName());
                break;
            case "loopback":
                System.out.println("before=" + serverAccepts());
                LoopbackUp.run();
                System.out.println("after=" + serverAccepts());
                break;
            case "hostname":
                Hostname.set(args[0]);
                System.out.println("proc=" + Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
                System.out.println("java=" + localHostName());
                break;
            case "tmpfs":
                if (!args[1].equals("--no-private")) {
                    Mounts.makePrivate();
                }
                Mounts.tmpfs(Path.of(args[0]));
                Files.writeString(Path.of(args[0], "nsunit-inside"), "x");
                System.out.println("inside=" + String.join(",", list(Path.of(args[0]))));
                try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
                    lines.filter(line -> line.contains(" " + args[0] + " ")).forEach(line -> System.out.println("mount=" + line));
                }
                break;
            case "seccomp":
                seccomp(Path.of(args[0]), List.of(args).subList(1, args.length));
                break;
            default:
                throw new IllegalArgumentException("unknown probe command " + command);
        }
    }

    /** Time to load jnr-ffi and bind libc, and one call, in this fresh JVM. */
    private static void timing() {
        long start = System.nanoTime();
        int pid = LibCHolder.libc().getpid();
        long loaded = System.nanoTime();
        LibCHolder.libc().getpid();
        long second = System.nanoTime();
        System.out.printf("pid=%d first-call-ms=%.1f second-call-us=%.1f%n", pid, (loaded - start) / 1e6, (second - loaded) / 1e3);
    }

    /** What Java reports; getLocalHost also resolves the name, which fails unless /etc/hosts or DNS knows it. */
    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String serverAccepts() {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            try (Socket client = new Socket()) {
                client.connect(server.getLocalSocketAddress(), 2000);
                try (Socket accepted = server.accept()) {
                    return "accepted";
                }
            }
        } catch (IOException e) {
            return "failed:" + e.getMessage();
        }
    }

    private static void seccomp(Path dir, List<String> denied) throws Exception {
        // A thread that exists before the filter: TSYNC must cover it too.
        CountDownLatch installed = new CountDownLatch(1);
        AtomicReference<String> fromOldThread = new AtomicReference<>();
        Thread old = new Thread(() -> {
            try {
                installed.await();
                fromOldThread.set(mkdir(dir.resolve("from-old-thread")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "nsunit-started-before-filter");
        old.start();

        SeccompInstaller.install(SeccompFilter.denying(denied));
        installed.countDown();
        old.join();

        System.out.println("main-thread=" + mkdir(dir.resolve("from-main-thread")));
        System.out.println("old-thread=" + fromOldThread.get());
        Process child = new ProcessBuilder("mkdir", dir.resolve("from-subprocess").toString()).redirectErrorStream(true).start();
        String childOutput = new String(child.getInputStream().readAllBytes()).trim();
        System.out.println("subprocess=exit " + child.waitFor() + ": " + childOutput);
        Files.writeString(dir.resolve("allowed-file"), "still works");
        System.out.println("allowed=" + Files.readString(dir.resolve("allowed-file")));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> System.out.println("task=" + task.getFileName() + " " + seccompMode(task)));
        }
    }

    private static String mkdir(Path path) {
        try {
            Files.createDirectory(path);
            return "created";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String seccompMode(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(line -> line.startsWith("Seccomp:")).findFirst().orElse("Seccomp: ?").replace('\t', ' ');
        } catch (IOException e) {
            return "Seccomp: gone"; // the thread exited between list and read
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
