package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How messages name a test: {@code Demo.leaks()}, or {@code Demo.sizes(int) [2] 64} for an invocation. */
final class TestNames {
    private TestNames() {
    }

    static String of(ExtensionContext context) {
        String className = context.getTestClass().map(TestNames::className).orElse("?");
        if (context.getTestMethod().isEmpty()) {
            return className;
        }
        Method method = context.getTestMethod().get();
        String signature = method.getName() + "(" + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
        String name = className + "." + signature;
        String displayName = context.getDisplayName();
        if (displayName.equals(signature)) {
            return name;
        }
        // an invocation's display name ("[2] 64") brings its own brackets
        return displayName.startsWith("[") ? name + " " + displayName : name + " [" + displayName + "]";
    }

    private static String className(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : className(type.getEnclosingClass()) + "." + type.getSimpleName();
    }
}
