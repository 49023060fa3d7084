package io.github.nsunit.internal.extension;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test JVM's own options a child must share so the test ends as it would in-process: its agents (a coverage
 * agent such as JaCoCo's counts what children run) and its assertion switches, in their
 * order. Not JDWP: a second JVM on the same debugger port would not start.
 * Not heap or other sizing: the child runs one test and its limits are its own.
 */
final class InheritedJvmOptions {
    private static final List<String> ASSERTION_SWITCHES = List.of("-ea", "-da", "-esa", "-dsa",
            "-enableassertions", "-disableassertions", "-enablesystemassertions", "-disablesystemassertions");
    private static final Predicate<String> INHERITED = InheritedJvmOptions::inherited;
    private static final List<String> OF_THIS_JVM = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(INHERITED).toList();

    private InheritedJvmOptions() {
    }

    /**
     * The inherited options among this JVM's input arguments, and {@code -ea} where none of them is an assertion
     * switch yet {@code testClass} runs with assertions: Surefire enables them through its class loader, not -ea.
     */
    static List<String> of(Class<?> testClass) {
        if (testClass.desiredAssertionStatus() && OF_THIS_JVM.stream().noneMatch(InheritedJvmOptions::isAssertionSwitch)) {
            List<String> options = new ArrayList<>(OF_THIS_JVM);
            options.add("-ea");
            return options;
        }
        return OF_THIS_JVM;
    }

    static boolean inherited(String option) {
        if (option.startsWith("-agentlib:jdwp") || option.contains("libjdwp")) {
            return false;
        }
        if (option.startsWith("-javaagent:") || option.startsWith("-agentpath:") || option.startsWith("-agentlib:")) {
            return true;
        }
        return isAssertionSwitch(option);
    }

    /** -ea, -ea:com.example..., -da:SomeClass: with or without a package or class. */
    private static boolean isAssertionSwitch(String option) {
        int colon = option.indexOf(':');
        return ASSERTION_SWITCHES.contains(colon < 0 ? option : option.substring(0, colon));
    }
}
