package io.github.nsunit.internal;

import io.github.nsunit.Forked;
import io.github.nsunit.NsunitProperties;

/**
 * Every nsunit configuration parameter, with its default and one line on what it does: the list a reference
 * table is made from or checked against. The names themselves are the public constants of {@link Forked} (the
 * child JVM's settings) and {@link NsunitProperties} (the host's), which nsunit's code reads; no other class spells
 * a name out (ConfigurationParameterTests checks both).
 */
enum ConfigurationParameter {
    CHILD_JVM_ARGS(Forked.CHILD_JVM_ARGS_PROPERTY_NAME, "",
            "options for every child JVM, separated by whitespace; a value with spaces in double or single quotes"),
    CHILD_TIMEOUT(Forked.CHILD_TIMEOUT_PROPERTY_NAME, "10 m",
            "the watchdog, in JUnit's format (30 s, 5 m) up to 36500 d; a test with @Timeout gets that plus 30 s"),
    CHILD_FAST_START(Forked.CHILD_FAST_START_PROPERTY_NAME, "true",
            "start children with JVM options that favour a short life (each left out where yours choose otherwise)"),
    CHILD_CLASS_DATA_SHARING(Forked.CHILD_CLASS_DATA_SHARING_PROPERTY_NAME, "true",
            "start children from a cached archive of JUnit's and nsunit's classes"),
    CHILD_CLASS_DATA_SHARING_DIRECTORY(Forked.CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME,
            "$XDG_CACHE_HOME/nsunit/cds, else ~/.cache/nsunit/cds", "where those archives are cached"),
    CHILD_PRESTART(Forked.CHILD_PRESTART_PROPERTY_NAME, "true",
            "start the next tests' children while the current test runs"),
    CHILD_PRESTART_COUNT(Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME, "2",
            "how many children to keep started ahead, 1 to 8 (each waiting child holds some 50 MiB)"),
    CHILD_WARM_UP(Forked.CHILD_WARM_UP_PROPERTY_NAME, "true",
            "a child started ahead runs nsunit's own trivial test while it waits, so JUnit's start-up is done"),
    CHILD_TRACKING_CGROUP(Forked.CHILD_TRACKING_CGROUP_PROPERTY_NAME, "true",
            "put a child without limits into a cgroup of its own anyway, so all it starts dies with it"),
    LEAKS(Forked.LEAKS_PROPERTY_NAME, "warn",
            "processes a test leaves running are killed and named: warn, fail (fails the test) or ignore"),
    DEBUG_HOLD(Forked.DEBUG_HOLD_PROPERTY_NAME, "",
            "keep a failed or timed-out child alive this long (120 s) and print how to enter it"),
    DEBUG_JDWP(Forked.DEBUG_JDWP_PROPERTY_NAME, "",
            "start each child with JDWP on this port (5005, host:port), suspended until a debugger attaches"),
    ISOLATION_DEFAULT(NsunitProperties.ISOLATION_DEFAULT, "none",
            "isolate every test: forked, or namespaces such as pid,network (with extension auto-detection)"),
    UNAVAILABLE(NsunitProperties.UNAVAILABLE, "fail",
            "what a test gets when the host cannot isolate it: fail, or skip"),
    NAMESPACE_STRATEGY(NsunitProperties.NAMESPACE_STRATEGY, "auto",
            "how namespaces are made: auto, direct, user-namespace or sudo"),
    CGROUP_BASE(NsunitProperties.CGROUP_BASE, "the hierarchy's root (without root: a delegated subtree, else sudo)",
            "where nsunit creates its per-run cgroups");

    private final String parameterName;
    private final String defaultValue;
    private final String description;

    ConfigurationParameter(String parameterName, String defaultValue, String description) {
        this.parameterName = parameterName;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name users set, e.g. {@code nsunit.child.timeout}. */
    public String parameterName() {
        return parameterName;
    }

    /** The default in words; empty when unset means off. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line: what it does. */
    public String description() {
        return description;
    }
}
