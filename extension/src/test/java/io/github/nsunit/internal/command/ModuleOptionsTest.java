package io.github.nsunit.internal.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleOptionsTest {

    /** What Surefire's argument file for a project with a module-info.java becomes in the JVM's input arguments. */
    @Test
    void keepsTheModuleSystemOptionsOfASurefireModulePathRun() {
        List<String> input = List.of("--module-path=/p/target/classes", "-Xmx512m", "-Dfoo=bar",
                "--patch-module=sample.greeter=/p/target/test-classes", "--add-opens=sample.greeter/sample.greeter=ALL-UNNAMED",
                "--add-reads=sample.greeter=ALL-UNNAMED", "--add-modules=ALL-MODULE-PATH", "-javaagent:/a.jar",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED");

        assertThat(ModuleOptions.of(input)).containsExactly("--module-path=/p/target/classes",
                "--patch-module=sample.greeter=/p/target/test-classes",
                "--add-opens=sample.greeter/sample.greeter=ALL-UNNAMED", "--add-reads=sample.greeter=ALL-UNNAMED",
                "--add-modules=ALL-MODULE-PATH", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void aClassPathRunHasNone() {
        assertThat(ModuleOptions.of(List.of("-Xmx512m", "-Dbasedir=/p", "-XX:+UseSerialGC"))).isEmpty();
    }

    /** A real JVM started from an argument file, as Surefire starts it, reports the options in the form kept. */
    @Test
    void aJvmStartedFromAnArgumentFileGivesItsModuleOptionsOneArgumentEach(@TempDir Path dir) throws Exception {
        Path modules = Files.createDirectory(dir.resolve("modules"));
        Path argFile = Files.writeString(dir.resolve("args"), String.join("\n", "--module-path", "\"" + modules + "\"",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-modules", "ALL-MODULE-PATH",
                "--class-path", "\"" + System.getProperty("java.class.path") + "\"", PrintModuleOptions.class.getName()));
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "@" + argFile).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(output.lines()).containsExactly("--module-path=" + modules,
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-modules=ALL-MODULE-PATH");
    }

    /** Run by the test above in a JVM of its own. */
    static final class PrintModuleOptions {
        public static void main(String[] args) {
            ModuleOptions.ofThisJvm().forEach(System.out::println);
        }
    }
}
