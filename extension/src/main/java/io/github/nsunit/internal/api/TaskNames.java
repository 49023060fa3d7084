package io.github.nsunit.internal.api;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/**
 * How messages name a task: {@code lambda in CliTest.rejectsUnknownOption} for a lambda (from the serialized
 * form the compiler gives it), {@code CliTest.Task} for a class.
 */
public final class TaskNames {
    private TaskNames() {
    }

    public static String of(Object task) {
        try {
            Method writeReplace = task.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (writeReplace.invoke(task) instanceof SerializedLambda lambda) {
                String capturing = simpleName(lambda.getCapturingClass().replace('/', '.'));
                String method = lambda.getImplMethodName();
                if (method.startsWith("lambda$")) {
                    String[] parts = method.split("\\$");
                    return "lambda in " + capturing + "." + (parts.length > 1 ? parts[1] : method);
                }
                return simpleName(lambda.getImplClass().replace('/', '.')) + "::" + method;
            }
        } catch (ReflectiveOperationException | RuntimeException notALambda) {
            // an ordinary serializable class: named by its class
        }
        return of(task.getClass());
    }

    public static String of(Class<?> type) {
        return simpleName(type.getName());
    }

    /** {@code Outer.Inner} from {@code com.example.Outer$Inner}. */
    private static String simpleName(String binaryName) {
        String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return name.replace('$', '.');
    }
}
