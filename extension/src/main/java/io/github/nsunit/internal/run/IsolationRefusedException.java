package io.github.nsunit.internal.run;

/**
 * The host cannot give the child what its spec asks for (a namespace, a cgroup), found before the child runs.
 * Each entry point turns it into its own exception: the extension through its {@code @WhenUnavailable} policy,
 * the programmatic API into {@code IsolationUnavailableException}. The message is the host's reason and remedy.
 */
public final class IsolationRefusedException extends RuntimeException {
    IsolationRefusedException(RuntimeException reason) {
        super(reason.getMessage(), reason);
    }

    /** The host's own exception, whose type says which part was refused. */
    public RuntimeException reason() {
        return (RuntimeException) getCause();
    }
}
