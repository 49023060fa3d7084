package sample.greeter;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tests patched into the named module sample.greeter, in child JVMs and in Surefire's own. */
class GreeterTest {

    @Test
    @Forked
    void runsInTheNamedModuleInAChildJvm() {
        assertTrue(System.getProperty("sun.java.command", "").startsWith("io.github.nsunit.internal.child.ChildMain"),
                "not in an nsunit child: " + System.getProperty("sun.java.command"));
        assertEquals("sample.greeter", GreeterTest.class.getModule().getName());
        assertEquals("Hello, module!", Greeter.greet("module"));
        System.out.println("child module path: " + System.getProperty("jdk.module.path"));
    }

    @Test
    @Forked
    void failsInTheNamedModuleInAChildJvm() {
        assertEquals("Hello, you!", Greeter.greet("module"), "compared in the module");
    }

    @Test
    void runsInTheNamedModuleInSurefiresJvm() {
        assertEquals("sample.greeter", GreeterTest.class.getModule().getName());
        assertEquals("Hello, module!", Greeter.greet("module"));
    }
}
