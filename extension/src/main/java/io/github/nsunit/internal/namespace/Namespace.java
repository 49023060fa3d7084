package io.github.nsunit.internal.namespace;

import io.github.nsunit.IsolatedHostname;
import io.github.nsunit.IsolatedIpc;
import io.github.nsunit.IsolatedMount;
import io.github.nsunit.IsolatedNetwork;
import io.github.nsunit.IsolatedPid;
import io.github.nsunit.IsolatedUser;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one table of Linux namespaces: for each kind, the annotation that asks for it, its word in
 * {@code nsunit.isolation.default}, the util-linux {@code unshare} option that creates it, its entry under
 * {@code /proc/<pid>/ns/}, its name in messages, and whether it needs a mount namespace too. The annotations,
 * the default isolation, the programmatic API and the unshare command derive what they ask for from it (in this
 * order); adding a namespace starts here.
 */
public enum Namespace {
    PID(IsolatedPid.class, "pid", "--pid", "pid", "PID", false),
    NETWORK(IsolatedNetwork.class, "network", "--net", "net", "network", false),
    /** The child bind-mounts an {@code /etc/hosts} naming the new hostname, in a mount namespace of its own. */
    UTS(IsolatedHostname.class, null, "--uts", "uts", "UTS (hostname)", true),
    IPC(IsolatedIpc.class, "ipc", "--ipc", "ipc", "IPC", false),
    MOUNT(IsolatedMount.class, "mount", "--mount", "mnt", "mount", false),
    USER(IsolatedUser.class, "user", "--user", "user", "user", false);

    private final Class<? extends Annotation> annotation;
    private final String defaultName;
    private final String unshareFlag;
    private final String procName;
    private final String humanName;
    private final boolean needsMount;

    Namespace(Class<? extends Annotation> annotation, String defaultName, String unshareFlag, String procName,
              String humanName, boolean needsMount) {
        this.annotation = annotation;
        this.defaultName = defaultName;
        this.unshareFlag = unshareFlag;
        this.procName = procName;
        this.humanName = humanName;
        this.needsMount = needsMount;
    }

    /** The annotation that asks for this namespace, e.g. {@code @IsolatedNetwork}. */
    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    /** This namespace and those it cannot go without (a new hostname needs its own mount namespace too). */
    public Set<Namespace> withWhatItNeeds() {
        return needsMount ? EnumSet.of(this, MOUNT) : EnumSet.of(this);
    }

    /** The namespace a word of {@code nsunit.isolation.default} names ({@code pid}, {@code network}, ...). */
    public static Optional<Namespace> ofDefaultName(String word) {
        return Arrays.stream(values()).filter(n -> n.defaultName != null
                && n.defaultName.equals(word.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The words {@code nsunit.isolation.default} accepts for namespaces, comma-separated. */
    public static String defaultNames() {
        return Arrays.stream(values()).filter(n -> n.defaultName != null).map(n -> n.defaultName)
                .collect(Collectors.joining(", "));
    }

    /** The {@code unshare(1)} option that creates this namespace, e.g. {@code --net}. */
    public String unshareFlag() {
        return unshareFlag;
    }

    /** The entry under {@code /proc/<pid>/ns/}, e.g. {@code net}. */
    public String procName() {
        return procName;
    }

    /** The name used in messages, e.g. "network". */
    public String humanName() {
        return humanName;
    }
}
