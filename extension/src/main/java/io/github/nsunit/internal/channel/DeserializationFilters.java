package io.github.nsunit.internal.channel;

import java.io.ObjectInputFilter;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;

/**
 * What Java deserialization may build in the parent from bytes the child sent. The child runs the user's code,
 * and a deserialization gadget on the test class path would run in the parent, outside the child's namespaces
 * and cgroup: every stream is bounded (depth, references, array length, bytes), and a throwable's graph may
 * hold only the types a throwable needs. A throwable refused here still arrives, as an
 * {@code io.github.nsunit.ThrowableStandIn} with its class name, message and stack; a refused return value
 * fails the run, naming the refusal.
 */
final class DeserializationFilters {
    static final long MAX_DEPTH = 200;
    static final long MAX_REFERENCES = 1_000_000;
    static final long MAX_ARRAY_LENGTH = 10_000_000;
    /** The JDK packages whose serializable types a throwable (and AssertionFailedError's values) may hold. */
    private static final List<String> THROWABLE_PACKAGES = List.of("java.lang.", "java.util.", "java.time.",
            "java.math.", "org.opentest4j.");
    /** JDK subpackages of those that serialize behaviour rather than data, the stock of gadget chains. */
    private static final List<String> REFUSED_PACKAGES = List.of("java.lang.invoke.", "java.lang.reflect.",
            "java.util.concurrent.", "java.util.logging.", "java.util.prefs.");

    private DeserializationFilters() {
    }

    /** For a task's return value: any type, within the bounds. */
    static ObjectInputFilter forValues() {
        return DeserializationFilters::withinLimits;
    }

    /** For a throwable: within the bounds, and only types a throwable graph holds. */
    static ObjectInputFilter forThrowables() {
        return info -> {
            ObjectInputFilter.Status limits = withinLimits(info);
            if (limits == ObjectInputFilter.Status.REJECTED || info.serialClass() == null) {
                return limits;
            }
            return throwableGraphType(info.serialClass()) ? ObjectInputFilter.Status.ALLOWED
                    : ObjectInputFilter.Status.REJECTED;
        };
    }

    private static ObjectInputFilter.Status withinLimits(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY_LENGTH
                || info.streamBytes() > Frames.MAX_FRAME) {
            return ObjectInputFilter.Status.REJECTED;
        }
        return ObjectInputFilter.Status.UNDECIDED;
    }

    /**
     * Throwables of any class, the JDK's data types, opentest4j's value wrappers, and the project's own classes
     * (loaded from a class directory, not a jar: gadgets come with libraries).
     */
    static boolean throwableGraphType(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || Throwable.class.isAssignableFrom(type) || type == StackTraceElement.class) {
            return true;
        }
        String name = type.getName();
        if (REFUSED_PACKAGES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        return THROWABLE_PACKAGES.stream().anyMatch(name::startsWith) || fromClassDirectory(type);
    }

    private static boolean fromClassDirectory(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location != null && "file".equals(location.getProtocol()) && location.getPath().endsWith("/");
    }
}
