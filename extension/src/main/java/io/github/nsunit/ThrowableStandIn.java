package io.github.nsunit;

import org.apiguardian.api.API;

/**
 * Stands in for a throwable thrown in a child JVM that cannot be rebuilt in the parent (its class is not
 * serializable, or cannot be loaded there). It keeps the original's class name, message, stack trace, causes
 * and suppressed throwables, and prints like the original: {@code com.example.WeirdException: boom}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ThrowableStandIn extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClassName;

    public ThrowableStandIn(String originalClassName, String message, Throwable cause) {
        super(message, cause);
        this.originalClassName = originalClassName;
    }

    /** The fully qualified name of the class of the throwable this stands in for. */
    public String originalClassName() {
        return originalClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}
