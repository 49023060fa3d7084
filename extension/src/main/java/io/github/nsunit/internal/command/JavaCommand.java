package io.github.nsunit.internal.command;

import io.github.nsunit.internal.child.ChildMain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The innermost command of the chain: the parent's own {@code java}, with the parent's module-system options,
 * running {@code ChildMain}.
 */
public final class JavaCommand {
    public static final String CHILD_MAIN = ChildMain.class.getName();
    /** A single argument longer than this is refused by execve (MAX_ARG_STRLEN). */
    static final int MAX_ARGUMENT = 128 * 1024 - 1;

    private JavaCommand() {
    }

    static List<String> of(String classPath, List<String> moduleOptions, Map<String, String> systemProperties,
                           List<String> jvmArgs, String channelPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(moduleOptions);
        command.addAll(jvmArgs);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classPath);
        command.add(CHILD_MAIN);
        command.add(channelPath);
        for (String argument : command) {
            // the class path is exempt: ClassPathArgument moves a long one to a file when the child is launched
            if (argument.length() > MAX_ARGUMENT && !argument.equals(classPath)) {
                throw new IllegalStateException("a child JVM argument is longer than the kernel allows ("
                        + argument.length() + " > " + MAX_ARGUMENT + " characters): "
                        + argument.substring(0, 80) + "...");
            }
        }
        return command;
    }
}
