package io.github.nsunit;

import io.github.nsunit.ChildJvmException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Point 9 (and 7 for output before a death): a child that dies without a result fails its test, saying how. */
class ForkedChildDeathTests {
    private static Path crashReports;
    private static EngineRun deaths;

    @BeforeAll
    static void runDeaths() throws IOException {
        crashReports = Files.createTempDirectory("nsunit-test-crash-");
        deaths = EngineRun.of(DeathsTestCase.class, Map.of(Forked.CHILD_JVM_ARGS_PROPERTY_NAME,
                "-XX:ErrorFile=" + crashReports.resolve("hs_err_pid%p.log") + " -XX:-CreateCoredumpOnCrash"));
    }

    @AfterAll
    static void deleteCrashReports() throws IOException {
        try (Stream<Path> files = Files.list(crashReports)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(crashReports);
        deaths = null;
    }

    @Test
    void systemExitFailsWithTheStatusAndTheStackOfTheCall() {
        ChildJvmException failure = childJvmException("exits");

        assertThat(failure.reason()).isEqualTo(Reason.SYSTEM_EXIT);
        assertThat(failure.exitStatus()).hasValue(3);
        assertThat(failure).hasMessageContaining("DeathsTestCase.exits() called System.exit(3)")
                .hasMessageContaining("last words of exits on stderr");
        assertThat(failure.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("exits")
                && frame.getClassName().equals(DeathsTestCase.class.getName()));
    }

    @Test
    void haltFailsAsAnExitWithItsStatus() {
        ChildJvmException failure = childJvmException("halts");

        assertThat(failure.reason()).isEqualTo(Reason.EXITED);
        assertThat(failure.exitStatus()).hasValue(4);
        assertThat(failure).hasMessageContaining("DeathsTestCase.halts(): its child JVM exited with status 4")
                .hasMessageContaining("last words of halts on stderr");
    }

    @Test
    void aSigkillFailsAsKilledBySignal() {
        ChildJvmException failure = childJvmException("killsItself");

        assertThat(failure.reason()).isEqualTo(Reason.KILLED_BY_SIGNAL);
        assertThat(failure.exitStatus()).hasValue(137);
        assertThat(failure).hasMessageContaining("DeathsTestCase.killsItself(): its child JVM was killed by SIGKILL")
                .hasMessageContaining("last words of killsItself on stderr");
    }

    @Test
    void aJvmCrashFailsAsCrashed() throws IOException {
        ChildJvmException failure = childJvmException("crashes");

        assertThat(failure.reason()).isEqualTo(Reason.CRASHED);
        assertThat(failure).hasMessageContaining("DeathsTestCase.crashes() crashed its child JVM")
                .hasMessageContaining("last words of crashes on stderr");
        try (Stream<Path> files = Files.list(crashReports)) {
            assertThat(files).singleElement().asString().contains("hs_err_pid");
        }
    }

    @Test
    void outputPrintedBeforeTheChildDiedIsNotLost() {
        assertThat(deaths.stdout).contains("last words of exits on stdout", "last words of halts on stdout",
                "last words of killsItself on stdout", "last words of crashes on stdout");
        assertThat(deaths.stderr).contains("last words of exits on stderr", "last words of halts on stderr",
                "last words of killsItself on stderr", "last words of crashes on stderr");
    }

    private static ChildJvmException childJvmException(String test) {
        Throwable failure = deaths.failure(test);
        assertThat(failure).isExactlyInstanceOf(ChildJvmException.class);
        return (ChildJvmException) failure;
    }

    static void lastWords(String test) {
        System.out.println("last words of " + test + " on stdout");
        System.err.println("last words of " + test + " on stderr");
    }

    @Forked
    static class DeathsTestCase {
        @Test
        void exits() {
            lastWords("exits");
            System.exit(3);
        }

        @Test
        void halts() {
            lastWords("halts");
            Runtime.getRuntime().halt(4);
        }

        @Test
        void killsItself() throws Exception {
            lastWords("killsItself");
            new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(10_000);
        }

        @Test
        void crashes() throws Exception {
            lastWords("crashes");
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 0L);
        }
    }
}
