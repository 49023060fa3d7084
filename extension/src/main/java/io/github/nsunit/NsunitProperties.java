package io.github.nsunit;

import org.apiguardian.api.API;

/**
 * Names of nsunit's run-wide JUnit configuration parameters that concern the host: how isolation is obtained
 * and what happens when it cannot be. Set them in {@code junit-platform.properties}, Surefire's
 * {@code configurationParameters}, or as system properties. The child JVM's own settings are on {@link Forked}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NsunitProperties {

    /**
     * What happens to an isolated test when the host cannot provide what it asks for (a namespace, a cgroup
     * limit): {@code fail} (default) fails the test with the reason and the remedies; {@code skip} aborts it
     * (reported as skipped) with the same reason.
     */
    public static final String UNAVAILABLE = "nsunit.unavailable";

    /**
     * How namespaces are made: {@code auto} (default) tries {@code direct} (root or CAP_SYS_ADMIN), then
     * {@code user-namespace} (unprivileged user namespaces), then {@code sudo} (passwordless {@code sudo -n}),
     * in that order; any of the three forces that one.
     */
    public static final String NAMESPACE_STRATEGY = "nsunit.namespaces.strategy";

    /**
     * The cgroup directory under which nsunit creates its per-run cgroups, in each hierarchy it uses
     * (e.g. {@code /nsunit} or a delegated subtree). Default: the hierarchy's root when root, otherwise a
     * delegated cgroup v2 subtree of the invoking user, otherwise a directory made through passwordless sudo.
     */
    public static final String CGROUP_BASE = "nsunit.cgroup.base";

    /**
     * Isolates every test of the run without editing it, together with JUnit's extension auto-detection
     * ({@code junit.jupiter.extensions.autodetection.enabled=true}, which registers nsunit for every test):
     * {@code none} (default), {@code forked}, or namespaces to give every test, e.g. {@code pid,network}
     * (names: {@code pid}, {@code network}, {@code mount}, {@code ipc}, {@code user}). Annotations on a test
     * add to it.
     */
    public static final String ISOLATION_DEFAULT = "nsunit.isolation.default";

    private NsunitProperties() {
    }
}
