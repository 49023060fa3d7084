package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 end to end: each namespace annotation, on a method, on a class, combined, and inside a user's own
 * meta-annotation, gives the child JVM what it promises, and the host sees none of it. The fixtures assert
 * what only the child can see and report what the host must compare.
 */
class NamespaceIsolationTests {
    private static final String MARKER = "nsunit.test.marker";
    private static final String HOST_DIR = "nsunit.test.host-dir";
    private static final String HOST_TMP_FILE = "nsunit.test.host-tmp-file";
    private static final String HOSTNAME = "nsunit-iso-host";

    private static String marker;
    private static Path hostDir;
    private static Path hostTmpFile;
    private static String hostnameBefore;
    private static String hostQueueId;
    private static EngineRun methods;
    private static EngineRun combined;
    private static EngineRun hermetic;

    @BeforeAll
    static void runFixtures() throws Exception {
        marker = "nsunit-test-daemon-" + UUID.randomUUID();
        hostDir = Files.createTempDirectory(Path.of("target"), "nsunit-test-ns-").toAbsolutePath();
        hostTmpFile = Files.createTempFile("nsunit-test-visible-", "");
        hostnameBefore = Host.hostname();
        // a System V message queue of the host, which a child in an IPC namespace must not see
        hostQueueId = Host.run("ipcmk", "-Q").replaceAll("\\D", "");
        System.setProperty(MARKER, marker);
        System.setProperty(HOST_DIR, hostDir.toString());
        System.setProperty(HOST_TMP_FILE, hostTmpFile.toString());
        try {
            methods = EngineRun.of(MethodLevelTestCase.class);
            combined = EngineRun.of(ClassLevelTestCase.class);
            hermetic = EngineRun.of(MetaAnnotationTestCase.class);
        } finally {
            System.clearProperty(MARKER);
            System.clearProperty(HOST_DIR);
            System.clearProperty(HOST_TMP_FILE);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Host.killMatching(marker);
        Host.run("ipcrm", "-q", hostQueueId);
        Files.deleteIfExists(hostTmpFile);
        Host.deleteTree(hostDir);
        methods = combined = hermetic = null;
    }

    @Test
    void everyFixturePassesInItsChild() {
        methods.results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7));
        combined.results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        hermetic.results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aPidNamespaceShowsFewProcessesAndKillsADaemonTheTestLeftBehind() throws Exception {
        Map<String, String> pid = methods.entriesOf("pid").get(0);
        assertThat(Long.parseLong(pid.get("processes"))).isBetween(2L, 5L);
        assertThat(Long.parseLong(pid.get("proc pids"))).isBetween(2L, 5L);
        // the daemon was re-parented to the namespace's PID 1, not to the JVM: only the namespace can end it
        assertThat(pid.get("daemon is a descendant")).isEqualTo("false");
        assertThat(Host.processesMatching(marker, Duration.ofSeconds(2))).as("host processes named %s", marker)
                .isEmpty();
    }

    @Test
    void aNetworkNamespaceHasOnlyItsOwnLoopbackUp() {
        Map<String, String> network = methods.entriesOf("network").get(0);
        assertThat(network.get("echo")).isEqualTo("ping");
        assertThat(network.get("interfaces")).isEqualTo("[lo]");
        assertThat(network.get("net")).startsWith("net:[").isNotEqualTo(Host.namespace("net"));
    }

    @Test
    void aMountNamespaceHasAnEmptyTmpAndKeepsItsMountsFromTheHost() throws IOException {
        Map<String, String> mount = methods.entriesOf("mount").get(0);
        assertThat(mount.get("tmp")).isEqualTo("[]");
        assertThat(mount.get("mounted")).isEqualTo("true");
        assertThat(mount.get("mnt")).isNotEqualTo(Host.namespace("mnt"));
        assertThat(Host.read(Path.of("/proc/self/mountinfo"))).doesNotContain("nsunit-test-tmpfs");
        try (Stream<Path> files = Files.list(hostDir.resolve("mount-point"))) {
            assertThat(files).as("files the child wrote on its own tmpfs").isEmpty();
        }
    }

    @Test
    void freshTmpFalseKeepsTheHostsTmpVisible() {
        Map<String, String> mount = methods.entriesOf("mountWithHostTmp").get(0);
        assertThat(mount.get("sees host file")).isEqualTo("true");
        assertThat(mount.get("mnt")).isNotEqualTo(Host.namespace("mnt"));
    }

    @Test
    void aUtsNamespaceHasItsOwnHostnameAndLeavesTheHostsAlone() {
        Map<String, String> uts = methods.entriesOf("hostname").get(0);
        assertThat(uts.get("local host")).isEqualTo(HOSTNAME);
        assertThat(uts.get("uts")).isNotEqualTo(Host.namespace("uts"));
        assertThat(Host.hostname()).isEqualTo(hostnameBefore).isNotEqualTo(HOSTNAME);
    }

    @Test
    void anIpcNamespaceHidesTheHostsMessageQueues() {
        Map<String, String> ipc = methods.entriesOf("ipc").get(0);
        assertThat(ipc.get("queues")).isEqualTo("0");
        assertThat(ipc.get("ipc")).isNotEqualTo(Host.namespace("ipc"));
        assertThat(Host.read(Path.of("/proc/sysvipc/msg"))).contains(hostQueueId);
    }

    @Test
    void aUserNamespaceMakesTheTestRootMappedToTheInvokingUser() throws IOException {
        Map<String, String> user = methods.entriesOf("user").get(0);
        assertThat(user.get("uid")).isEqualTo("0\t0\t0\t0");
        assertThat(user.get("uid_map").strip().split("\\s+")).containsExactly("0", String.valueOf(uid()), "1");
        assertThat(user.get("user")).isNotEqualTo(Host.namespace("user"));
        assertThat(Files.getAttribute(hostDir.resolve("written-as-root-inside"), "unix:uid")).isEqualTo((int) uid());
    }

    @Test
    void annotationsOnTheClassApplyToEveryTestAndAMethodAddsItsOwn() {
        Map<String, String> both = combined.entriesOf("withHostname").get(0);
        Map<String, String> classOnly = combined.entriesOf("classOnly").get(0);
        for (Map<String, String> test : List.of(both, classOnly)) {
            assertThat(test.get("pid")).isNotEqualTo(Host.namespace("pid"));
            assertThat(test.get("net")).isNotEqualTo(Host.namespace("net"));
        }
        assertThat(both.get("hostname")).isEqualTo("nsunit-combined");
        assertThat(classOnly.get("hostname")).isEqualTo(hostnameBefore);
        assertThat(classOnly.get("uts")).isEqualTo(Host.namespace("uts"));
    }

    @Test
    void aUsersOwnMetaAnnotationGivesAllItComposes() {
        Map<String, String> test = hermetic.entriesOf("hermetic").get(0);
        assertThat(test.get("pid")).isNotEqualTo(Host.namespace("pid"));
        assertThat(test.get("net")).isNotEqualTo(Host.namespace("net"));
        assertThat(test.get("mnt")).isNotEqualTo(Host.namespace("mnt"));
        assertThat(test.get("tmp")).isEqualTo("[]");
    }

    @Test
    void theUserNamespaceStrategyCanBeForcedEvenAsRoot() {
        EngineRun run = EngineRun.of(StrategyTestCase.class, Map.of(NsunitProperties.NAMESPACE_STRATEGY, "user-namespace"));

        run.results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        Map<String, String> test = run.entriesOf("pidAndNetwork").get(0);
        assertThat(test.get("uid_map").strip().split("\\s+")).containsExactly("0", String.valueOf(uid()), "1");
        assertThat(test.get("user")).isNotEqualTo(Host.namespace("user"));
        assertThat(test.get("net")).isNotEqualTo(Host.namespace("net"));
        assertThat(test.get("echo")).isEqualTo("ping");
    }

    @Test
    void anUnknownStrategyFailsNamingTheParameterAndTheAcceptedValues() {
        EngineRun run = EngineRun.of(StrategyTestCase.class, Map.of(NsunitProperties.NAMESPACE_STRATEGY, "bogus"));

        assertThat(run.failure("pidAndNetwork")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("configuration parameter nsunit.namespaces.strategy=\"bogus\" is not a namespace"
                        + " strategy: expected one of auto, direct, user-namespace, sudo");
    }

    @Test
    void aRefusedNamespaceFailsTheTestSayingWhatWasTriedAndHowToFixIt() {
        // sudo cannot be used by root: a real refusal, found by the real probe
        EngineRun run = EngineRun.of(StrategyTestCase.class, Map.of(NsunitProperties.NAMESPACE_STRATEGY, "sudo"));

        Throwable failure = run.failure("pidAndNetwork");
        assertThat(failure).isExactlyInstanceOf(IsolationUnavailableException.class);
        assertRefusalMessage(failure.getMessage());
    }

    @Test
    void aRefusedNamespaceSkipsTheTestWithTheSameMessageWhenAskedTo() {
        EngineRun run = EngineRun.of(StrategyTestCase.class, Map.of(NsunitProperties.NAMESPACE_STRATEGY, "sudo",
                NsunitProperties.UNAVAILABLE, "skip"));

        run.results.testEvents().assertStatistics(stats -> stats.aborted(1).failed(0).succeeded(0));
        TestExecutionResult result = run.finished("pidAndNetwork").getRequiredPayload(TestExecutionResult.class);
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        Throwable skip = result.getThrowable().orElseThrow();
        assertThat(skip).isExactlyInstanceOf(TestAbortedException.class);
        assertRefusalMessage(skip.getMessage());
    }

    /** Per class and per test: the nearest @WhenUnavailable wins, over the run-wide parameter too. */
    @Test
    void whenUnavailableSkipsOrFailsPerClassAndPerTestWhateverTheRunWideSetting() {
        for (String runWide : List.of("fail", "skip")) {
            EngineRun run = EngineRun.of(SkipWhereUnavailableTestCase.class, Map.of(
                    NsunitProperties.NAMESPACE_STRATEGY, "sudo", NsunitProperties.UNAVAILABLE, runWide));

            TestExecutionResult skipped = run.finished("skipsByItsClass").getRequiredPayload(TestExecutionResult.class);
            assertThat(skipped.getStatus()).as("run-wide %s", runWide).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(skipped.getThrowable().orElseThrow()).isExactlyInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith("NamespaceIsolationTests.SkipWhereUnavailableTestCase.skipsByItsClass():"
                            + " nsunit cannot give the test PID namespace");
            assertThat(run.failure("failsByItsOwnAnnotation")).as("run-wide %s", runWide)
                    .isExactlyInstanceOf(IsolationUnavailableException.class)
                    .hasMessageContaining("every way to create them was refused");
        }
    }

    @Test
    void aBuildUnderTmpStillRunsWithAFreshTmpThatHoldsOnlyTheBuildsOwnDirectory() throws Exception {
        Path copy = Files.createTempDirectory("nsunit-test-tmp-classpath-"); // under /tmp on purpose
        try {
            String classPath = Host.copyClassPath(copy);
            Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, LauncherMain.class.getName(),
                    "tmp|" + ClassPathInTmpTestCase.class.getName()).redirectErrorStream(true).start();
            String output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(parent.waitFor()).as(output).isZero();
            assertThat(output).contains("RESULT|tmp|freshTmp|SUCCESSFUL|").contains("RESULT|tmp|hostTmp|SUCCESSFUL|");
            assertThat(Files.exists(copy.resolve("written-in-the-fresh-tmp"))).as("a write beside the build dir").isFalse();
        } finally {
            Host.deleteTree(copy);
        }
    }

    private static void assertRefusalMessage(String message) {
        assertThat(message)
                .startsWith("NamespaceIsolationTests.StrategyTestCase.pidAndNetwork(TestReporter): nsunit cannot give the test PID, network"
                        + " namespaces: every way to create them was refused (nsunit.namespaces.strategy=sudo).")
                .contains("sudo: refused: this JVM already runs as root; sudo would add nothing")
                .contains("sysctl -w user.max_user_namespaces=15000")
                .contains("run the tests as root")
                .contains("nsunit.unavailable=skip");
    }

    private static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- what fixtures run in their child ----

    static String ns(String kind) {
        return Host.namespace(kind);
    }

    static String echoOverLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket(80, 50, InetAddress.getByName("127.0.0.1"));
             Socket client = new Socket(InetAddress.getByName("127.0.0.1"), 80);
             Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = accepted.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.UTF_8);
        }
    }

    static List<String> interfaces() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/dev"))) {
            return lines.skip(2).map(line -> line.split(":")[0].strip()).toList();
        }
    }

    /** What /tmp holds, but for the build's own directory, which a fresh /tmp carries over when it lives there. */
    static List<String> tmpEntries() throws IOException {
        Path build = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        String own = build.startsWith("/tmp") && build.getNameCount() > 1 ? build.getName(1).toString() : "";
        try (Stream<Path> files = Files.list(Path.of("/tmp"))) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.equals(own)).toList();
        }
    }

    static String statusLine(String key) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow()
                    .substring(key.length() + 1).strip();
        }
    }

    static int exec(String... command) throws Exception {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    static class MethodLevelTestCase {
        @Test
        @IsolatedPid
        void pid(TestReporter reporter) throws Exception {
            // a daemon: the subshell exits, so the sleep is re-parented away from the JVM
            assertThat(exec("bash", "-c", "(exec -a \"$0\" sleep 300 </dev/null >/dev/null 2>&1 &)",
                    System.getProperty(MARKER))).isZero();
            long procPids;
            try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
                procPids = proc.filter(p -> p.getFileName().toString().matches("\\d+")).count();
            }
            boolean daemonIsDescendant;
            try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
                daemonIsDescendant = descendants.anyMatch(p -> p.info().commandLine().orElse("")
                        .contains(System.getProperty(MARKER)));
            }
            reporter.publishEntry(Map.of("processes", String.valueOf(ProcessHandle.allProcesses().count()),
                    "proc pids", String.valueOf(procPids),
                    "daemon is a descendant", String.valueOf(daemonIsDescendant)));
        }

        @Test
        @IsolatedNetwork
        void network(TestReporter reporter) throws Exception {
            reporter.publishEntry(Map.of("echo", echoOverLoopback(), "interfaces", interfaces().toString(),
                    "net", ns("net")));
        }

        @Test
        @IsolatedMount
        void mount(TestReporter reporter) throws Exception {
            List<String> tmp = tmpEntries();
            Path mountPoint = Files.createDirectories(Path.of(System.getProperty(HOST_DIR), "mount-point"));
            assertThat(exec("mount", "-t", "tmpfs", "nsunit-test-tmpfs", mountPoint.toString())).isZero();
            Files.writeString(mountPoint.resolve("only-on-the-childs-tmpfs"), "never on the host");
            reporter.publishEntry(Map.of("tmp", tmp.toString(), "mnt", ns("mnt"), "mounted",
                    String.valueOf(Host.read(Path.of("/proc/self/mountinfo")).contains("nsunit-test-tmpfs"))));
        }

        @Test
        @IsolatedMount(freshTmp = false)
        void mountWithHostTmp(TestReporter reporter) {
            reporter.publishEntry(Map.of("mnt", ns("mnt"), "sees host file",
                    String.valueOf(Files.exists(Path.of(System.getProperty(HOST_TMP_FILE))))));
        }

        @Test
        @IsolatedHostname(HOSTNAME)
        void hostname(TestReporter reporter) throws IOException {
            assertThat(Host.hostname()).isEqualTo(HOSTNAME);
            reporter.publishEntry(Map.of("local host", InetAddress.getLocalHost().getHostName(), "uts", ns("uts")));
        }

        @Test
        @IsolatedIpc
        void ipc(TestReporter reporter) throws IOException {
            long queues = Host.read(Path.of("/proc/sysvipc/msg")).lines().skip(1).count();
            reporter.publishEntry(Map.of("queues", String.valueOf(queues), "ipc", ns("ipc")));
        }

        @Test
        @IsolatedUser
        void user(TestReporter reporter) throws IOException {
            Files.writeString(Path.of(System.getProperty(HOST_DIR), "written-as-root-inside"), "x");
            reporter.publishEntry(Map.of("uid", statusLine("Uid"), "user", ns("user"),
                    "uid_map", Host.read(Path.of("/proc/self/uid_map"))));
        }
    }

    static void reportNamespaces(TestReporter reporter) throws IOException {
        reporter.publishEntry(Map.of("pid", ns("pid"), "net", ns("net"), "mnt", ns("mnt"), "uts", ns("uts"),
                "hostname", Host.hostname(), "tmp", tmpEntries().toString()));
    }

    @IsolatedPid
    @IsolatedNetwork
    static class ClassLevelTestCase {
        @Test
        @IsolatedHostname("nsunit-combined")
        void withHostname(TestReporter reporter) throws IOException {
            reportNamespaces(reporter);
        }

        @Test
        void classOnly(TestReporter reporter) throws IOException {
            reportNamespaces(reporter);
        }
    }

    /** A user's own composition, as docs/annotations-and-verdicts.md suggests. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @IsolatedPid
    @IsolatedNetwork
    @IsolatedMount
    @interface Hermetic {
    }

    static class MetaAnnotationTestCase {
        @Test
        @Hermetic
        void hermetic(TestReporter reporter) throws IOException {
            reportNamespaces(reporter);
        }
    }

    static class ClassPathInTmpTestCase {
        /**
         * Its class path lives under /tmp: the fresh /tmp holds that directory, carried over, and (for a build
         * that itself runs under /tmp) the working directory's, and nothing else.
         */
        @Test
        @IsolatedMount
        void freshTmp() throws IOException {
            String classes = Path.of(ClassPathInTmpTestCase.class.getProtectionDomain().getCodeSource().getLocation()
                    .getPath()).getName(1).toString();
            Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
            String cwd = workingDirectory.startsWith("/tmp") ? workingDirectory.getName(1).toString() : classes;
            try (java.util.stream.Stream<Path> entries = Files.list(Path.of("/tmp"))) {
                assertThat(entries.map(p -> p.getFileName().toString())).contains(classes)
                        .allMatch(name -> name.equals(classes) || name.equals(cwd));
            }
            Files.writeString(Path.of("/tmp/written-in-the-fresh-tmp"), "gone with the namespace");
        }

        @Test
        @IsolatedMount(freshTmp = false)
        void hostTmp() {
        }
    }

    @WhenUnavailable(WhenUnavailable.Action.SKIP)
    @IsolatedPid
    static class SkipWhereUnavailableTestCase {
        @Test
        void skipsByItsClass() {
        }

        @Test
        @WhenUnavailable(WhenUnavailable.Action.FAIL)
        void failsByItsOwnAnnotation() {
        }
    }

    static class StrategyTestCase {
        @Test
        @IsolatedPid
        @IsolatedNetwork
        void pidAndNetwork(TestReporter reporter) throws IOException {
            reporter.publishEntry(Map.of("uid_map", Host.read(Path.of("/proc/self/uid_map")), "user", ns("user"),
                    "net", ns("net"), "echo", echoOverLoopback()));
        }
    }
}
