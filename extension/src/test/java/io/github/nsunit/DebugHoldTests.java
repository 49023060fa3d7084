package io.github.nsunit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nsunit.debug.hold keeps a failed or timed-out child alive, prints the nsenter command that enters it, and
 * then kills it as usual: the printed command is run here, while the child is held, to prove it works.
 */
class DebugHoldTests {
    private static final Pattern NSENTER = Pattern.compile("enter it: nsenter --target (\\d+) ([-a-z ]+)\\n");

    @Test
    void aFailedTestsChildIsHeldAndThePrintedNsenterCommandEntersItsNamespaces() throws Exception {
        CompletableFuture<Matcher> printed = new CompletableFuture<>();
        CompletableFuture<String> insideView = printed.thenApplyAsync(nsenter -> run(command(nsenter,
                "ls /proc | grep -c '^[0-9]'; cat /proc/1/cmdline | tr '\\0' ' '")));
        long start = System.nanoTime();
        EngineRun run = watchingStderr(printed, () -> EngineRun.of(FailingTestCase.class,
                Map.of(Forked.DEBUG_HOLD_PROPERTY_NAME, "3 s")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.failure("fails")).isExactlyInstanceOf(AssertionError.class).hasMessage("the test's own failure");
        assertThat(run.stderr).containsPattern("\\[nsunit] DebugHoldTests.FailingTestCase.fails\\(\\) failed: its child"
                + " JVM \\(pid \\d+\\) is held for 3 s \\(nsunit.debug.hold\\), then killed.");
        Matcher nsenter = printed.get(1, TimeUnit.SECONDS);
        assertThat(nsenter.group(2)).isEqualTo("--mount --pid");
        String inside = insideView.get(10, TimeUnit.SECONDS);
        String[] lines = inside.split("\n");
        assertThat(Integer.parseInt(lines[0].strip())).as("processes seen inside").isBetween(2, 6);
        assertThat(lines[1]).contains("nsunit-namespace");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(Processes.ended(Long.parseLong(nsenter.group(1)))).isTrue();
    }

    @Test
    void aLimitedTestsHoldNamesItsCgroupAndATimedOutChildIsHeldToo() {
        EngineRun run = EngineRun.of(LimitedLoopTestCase.class, Map.of(Forked.DEBUG_HOLD_PROPERTY_NAME, "1 s",
                Forked.CHILD_TIMEOUT_PROPERTY_NAME, "2 s"));

        assertThat(run.failure("loops")).isExactlyInstanceOf(ChildJvmException.class)
                .hasMessageContaining("did not finish within 2 s");
        assertThat(run.stderr).contains("[nsunit] DebugHoldTests.LimitedLoopTestCase.loops() timed out: its child JVM")
                .contains("[nsunit]   it shares every namespace with this JVM")
                .containsPattern("\\[nsunit]   cgroup: memory:/nsunit-\\d+-[^/]+/LimitedLoopTestCase.loops-\\d+");
    }

    @Test
    void aPassingTestIsNotHeld() {
        long start = System.nanoTime();
        EngineRun run = EngineRun.of(PassingTestCase.class, Map.of(Forked.DEBUG_HOLD_PROPERTY_NAME, "20 s"));

        FaultTests.assertPassed(run, "passes");
        assertThat(run.stderr).doesNotContain("[nsunit]");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aHoldThatIsNotADurationFailsNamingTheAcceptedForm() {
        EngineRun run = EngineRun.of(PassingTestCase.class, Map.of(Forked.DEBUG_HOLD_PROPERTY_NAME, "forever"));

        assertThat(run.failure("passes")).isExactlyInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("configuration parameter nsunit.debug.hold=\"forever\" is not a duration");
    }

    private static List<String> command(Matcher nsenter, String script) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--target", nsenter.group(1)));
        command.addAll(List.of(nsenter.group(2).strip().split(" ")));
        command.addAll(List.of("sh", "-c", script));
        return command;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs with System.err watched line by line; the first nsenter line completes {@code printed}. */
    private static EngineRun watchingStderr(CompletableFuture<Matcher> printed,
                                            java.util.function.Supplier<EngineRun> run) {
        PrintStream original = System.err;
        StringBuilder seen = new StringBuilder();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                seen.append((char) b);
                if (b == '\n' && !printed.isDone()) {
                    Matcher matcher = NSENTER.matcher(seen);
                    if (matcher.find()) {
                        printed.complete(matcher);
                    }
                }
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return run.get();
        } finally {
            System.setErr(original);
            printed.completeExceptionally(new AssertionError("no nsenter command was printed"));
        }
    }

    @IsolatedPid
    static class FailingTestCase {
        @Test
        void fails() {
            throw new AssertionError("the test's own failure");
        }
    }

    @MemoryLimit("256M")
    static class LimitedLoopTestCase {
        static volatile boolean stop;

        @Test
        void loops() {
            while (!stop) {
                Thread.onSpinWait();
            }
        }
    }

    @Forked
    static class PassingTestCase {
        @Test
        void passes() {
        }
    }
}
