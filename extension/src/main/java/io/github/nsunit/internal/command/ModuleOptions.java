package io.github.nsunit.internal.command;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The parent JVM's module-system options, which the child needs to see the test classes where the parent did:
 * for a project with a {@code module-info.java}, Surefire starts its JVM with {@code --module-path} (the main
 * classes), {@code --patch-module} (the test classes into that module), {@code --add-reads},
 * {@code --add-opens} and {@code --add-modules}, none of which is in {@code java.class.path}.
 */
final class ModuleOptions {
    /** As the JVM reports them: one {@code --name=value} argument each, argument files already expanded. */
    private static final List<String> FORWARDED = List.of(
            "--module-path=", "--upgrade-module-path=", "--add-modules=", "--limit-modules=", "--patch-module=",
            "--add-reads=", "--add-exports=", "--add-opens=", "--enable-native-access=");

    private ModuleOptions() {
    }

    /** This JVM's module-system options, in the order it was given them. */
    static List<String> ofThisJvm() {
        return of(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static List<String> of(List<String> inputArguments) {
        return inputArguments.stream().filter(argument -> FORWARDED.stream().anyMatch(argument::startsWith)).toList();
    }
}
