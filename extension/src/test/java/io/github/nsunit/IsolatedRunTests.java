package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The programmatic API: every way a task can end, told apart, in real child JVMs (and real cgroups as root). */
class IsolatedRunTests {
    private static final int MIB = 1024 * 1024;
    private static Path crashReports;

    @BeforeAll
    static void crashReportDirectory() throws IOException {
        crashReports = Files.createTempDirectory("nsunit-test-api-crash-");
    }

    @AfterAll
    static void deleteCrashReports() throws IOException {
        try (Stream<Path> files = Files.list(crashReports)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(crashReports);
    }

    /** A value of the caller's own class, to show it is rebuilt with the caller's class loader. */
    record Point(int x, int y) implements Serializable {
    }

    /** A task given by class: created in the child with its no-arg constructor. */
    static final class Answer implements Callable<String> {
        @Override
        public String call() {
            return "answered in pid " + ProcessHandle.current().pid();
        }
    }

    @Test
    void aReturnedValueTravelsBackAndIsRebuiltHere() {
        int base = 20;
        RunResult<Point> result = Isolated.call(() -> new Point(base + 1, base * 2));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.RETURNED);
        assertThat(result.value()).isEqualTo(new Point(21, 40));
        assertThat(result.exitStatus()).isZero();
        assertThat(result.pid()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(result.toString()).isEqualTo("lambda in IsolatedRunTests.aReturnedValueTravelsBackAndIsRebuiltHere"
                + " returned Point[x=21, y=40]");
    }

    @Test
    void aRunnableReturnsNull() {
        RunResult<Void> result = Isolated.run(() -> System.out.println("ran"));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.RETURNED);
        assertThat(result.value()).isNull();
        assertThat(result.stdout()).isEqualTo("ran\n");
    }

    @Test
    void aTaskClassIsCreatedInTheChild() {
        RunResult<String> result = Isolated.call(Answer.class);

        assertThat(result.value()).startsWith("answered in pid ").doesNotEndWith(" " + ProcessHandle.current().pid());
        assertThat(result.taskName()).isEqualTo("IsolatedRunTests.Answer");
    }

    @Test
    void aThrownExceptionIsTheOriginalWithItsStack() {
        RunResult<Object> result = Isolated.call(() -> {
            throw new IllegalStateException("boom");
        });

        assertThat(result.ending()).isEqualTo(RunResult.Ending.THREW);
        assertThat(result.thrown()).get().isInstanceOf(IllegalStateException.class).extracting(Throwable::getMessage)
                .isEqualTo("boom");
        assertThat(result.thrown().get().getStackTrace()).anyMatch(f -> f.getClassName().equals(getClass().getName()));
        assertThat(result.describe()).isEqualTo("threw java.lang.IllegalStateException: boom");
        assertThatThrownBy(result::value).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no value: lambda in IsolatedRunTests.aThrownExceptionIsTheOriginalWithItsStack"
                        + " threw java.lang.IllegalStateException: boom");
    }

    @Test
    void systemExitEndsTheChildWithItsStatusAndTheStackOfTheCall() {
        RunResult<Void> result = Isolated.run(() -> System.exit(3));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.EXITED);
        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.exitStack()).first().extracting(StackTraceElement::getClassName)
                .isEqualTo(getClass().getName());
        assertThat(result.describe()).startsWith("called System.exit(3) at io.github.nsunit.IsolatedRunTests.lambda$");
    }

    @Test
    void haltIsAnExitWithoutAStack() {
        RunResult<Void> result = Isolated.run(() -> Runtime.getRuntime().halt(4));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.EXITED);
        assertThat(result.exitStatus()).isEqualTo(4);
        assertThat(result.exitStack()).isEmpty();
        assertThat(result.describe()).startsWith("exited with status 4 without calling System.exit");
    }

    @Test
    void stdoutAndStderrAreCapturedApartAndCanStayQuiet() {
        RunResult<Void> result = Isolated.with().quiet().run(() -> {
            System.out.println("to stdout");
            System.err.println("to stderr");
        });

        assertThat(result.stdout()).isEqualTo("to stdout\n");
        assertThat(result.stderr()).isEqualTo("to stderr\n");
    }

    @Test
    void aHeapLeakUnderALimitThrowsOutOfMemoryErrorWithoutAKill() {
        RunResult<Integer> result = Isolated.with().memoryLimit("64M").call(() -> {
            List<byte[]> leak = new ArrayList<>();
            while (true) {
                leak.add(new byte[MIB]);
            }
        });

        assertThat(result.ending()).isEqualTo(RunResult.Ending.HEAP_OUT_OF_MEMORY);
        assertThat(result.thrown()).get().isInstanceOf(OutOfMemoryError.class);
        assertThat(result.memoryLimitBytes()).hasValue(64L * MIB);
        assertThat(result.oomKills()).hasValue(0);
        assertThat(result.peakMemoryBytes().getAsLong()).isBetween(16L * MIB, 64L * MIB);
        System.out.println("[nsunit-test] heap leak: " + result);
    }

    @Test
    void anOffHeapLeakUnderALimitIsKilledByTheKernel() {
        RunResult<Void> result = Isolated.with().memoryLimit("64M").jvmArgs("-XX:MaxDirectMemorySize=1g").run(() -> {
            List<ByteBuffer> leak = new ArrayList<>();
            while (true) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(MIB);
                for (int i = 0; i < MIB; i += 4096) {
                    buffer.put(i, (byte) 1); // only touched pages are charged
                }
                leak.add(buffer);
            }
        });

        assertThat(result.ending()).isEqualTo(RunResult.Ending.OOM_KILLED);
        assertThat(result.exitStatus()).isEqualTo(137);
        assertThat(result.signal()).hasValue(9);
        assertThat(result.oomKills().getAsLong()).isPositive();
        assertThat(result.describe()).startsWith("was killed by the kernel OOM killer (limit 64 MiB, peak ");
        System.out.println("[nsunit-test] off-heap leak: " + result);
    }

    @Test
    void aTestScopedLimitCountsOnlyWhatTheTaskKeeps() {
        RunResult<Integer> result = Isolated.with().memoryLimit("10M", MemoryLimit.Scope.TEST).call(() -> {
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < 20 * 16; i++) {
                kept.add(new byte[64 * 1024]);
            }
            return kept.size();
        });

        assertThat(result.ending()).isIn(RunResult.Ending.HEAP_OUT_OF_MEMORY, RunResult.Ending.OOM_KILLED);
    }

    @Test
    void aTaskThatRunsTooLongIsKilledAtTheTimeoutWithItsThreads() {
        RunResult<Void> result = Isolated.with().timeout(Duration.ofSeconds(3)).run(() -> Thread.sleep(60_000));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.TIMED_OUT);
        assertThat(result.elapsed()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
        assertThat(result.describe()).isEqualTo("did not finish within 3 s and was killed");
        assertThat(result.details()).contains("Threads of the child JVM when it was killed").contains("Thread.sleep");
    }

    @Test
    void aSigkillFromOutsideIsKilledBySignal() {
        RunResult<Void> result = Isolated.run(() -> {
            new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(10_000);
        });

        assertThat(result.ending()).isEqualTo(RunResult.Ending.KILLED_BY_SIGNAL);
        assertThat(result.signal()).hasValue(9);
        assertThat(result.describe()).isEqualTo("was killed by SIGKILL (exit status 137)");
    }

    @Test
    void aJvmCrashIsCrashed() {
        RunResult<Void> result = Isolated.with().quiet()
                .jvmArgs("-XX:ErrorFile=" + crashReports.resolve("hs_err_pid%p.log"), "-XX:-CreateCoredumpOnCrash")
                .run(() -> {
                    Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
                    field.setAccessible(true);
                    Object unsafe = field.get(null);
                    unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
                });

        assertThat(result.ending()).isEqualTo(RunResult.Ending.CRASHED);
        assertThat(result.describe()).contains("crashed its JVM");
        assertThat(result.details()).contains("A fatal error has been detected by the Java Runtime Environment");
    }

    @Test
    void aPidNamespaceMakesTheTaskOneOfVeryFewProcesses() {
        RunResult<Long> result = Isolated.with().isolatedPid().call(() -> ProcessHandle.current().pid());

        // the namespace's PID 1 is the small shell that waits for the JVM
        assertThat(result.value()).isLessThanOrEqualTo(3L);
    }

    @Test
    void deniedSyscallsFailInTheTask() {
        Path dir = crashReports.resolve("denied");
        String path = dir.toString();
        RunResult<Void> result = Isolated.with().denySyscalls("mkdir", "mkdirat")
                .run(() -> Files.createDirectory(Path.of(path)));

        assertThat(result.ending()).isEqualTo(RunResult.Ending.THREW);
        assertThat(result.thrown()).get().isInstanceOf(IOException.class);
        assertThat(dir).doesNotExist();
    }

    @Test
    void aTaskThatCapturesSomethingNotSerializableIsRefusedBeforeAnyChildStarts() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> Isolated.call(() -> notSerializable.hashCode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the task lambda in IsolatedRunTests."
                        + "aTaskThatCapturesSomethingNotSerializableIsRefusedBeforeAnyChildStarts cannot be sent to"
                        + " another JVM: it is or holds a java.lang.Object, which is not Serializable");
    }

    @Test
    void aReturnedValueThatIsNotSerializableIsWhatTheTaskThrew() {
        RunResult<Object> result = Isolated.call(() -> new Object());

        assertThat(result.ending()).isEqualTo(RunResult.Ending.THREW);
        assertThat(result.thrown()).get().asString().contains("the value the task returned cannot be sent to another"
                + " JVM: it is or holds a java.lang.Object");
    }

    @Test
    void invalidOptionsFailWithTheAcceptedForm() {
        assertThatThrownBy(() -> Isolated.with().memoryLimit("ten")).hasMessage("memoryLimit(\"ten\"): expected"
                + " <number>[K|M|G], e.g. \"64M\", \"1.5G\" or \"262144K\" (binary units), greater than zero");
        assertThatThrownBy(() -> Isolated.with().memoryLimit("8M")).hasMessageContaining("below the 36 MiB");
        assertThatThrownBy(() -> Isolated.with().pidsLimit(3)).hasMessageContaining("expected 24 or more");
        assertThatThrownBy(() -> Isolated.with().denySyscalls("frobnicate")).hasMessageContaining("frobnicate");
        assertThatThrownBy(() -> Isolated.with().timeout(Duration.ZERO)).hasMessageContaining("positive duration");
    }

    @Test
    void optionsAreImmutable() {
        IsolatedRun base = Isolated.with();
        base.isolatedPid().memoryLimit("64M");

        assertThat(Isolated.with().call(() -> ProcessHandle.current().pid()).value()).isGreaterThan(3L);
        assertThat(base).isSameAs(Isolated.with());
    }
}
