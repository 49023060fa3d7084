package io.github.nsunit.internal.namespace;

/** How nsunit gets the right to create namespaces on this host. */
public enum Privilege {
    /** Root or CAP_SYS_ADMIN: {@code unshare} creates the namespaces directly. */
    DIRECT("direct"),
    /** Unprivileged user namespaces: everything is wrapped in {@code unshare --user --map-root-user}. */
    USER_NAMESPACE("user-namespace"),
    /** Passwordless sudo: {@code sudo -n} runs {@code unshare}, then the child drops back to the invoking user. */
    SUDO("sudo");

    private final String configName;

    Privilege(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration value and in messages. */
    public String configName() {
        return configName;
    }
}
