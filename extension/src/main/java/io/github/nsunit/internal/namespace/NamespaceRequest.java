package io.github.nsunit.internal.namespace;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The namespaces a child JVM must start in, and whether it gets a private, empty tmpfs on {@code /tmp}.
 *
 * <p>A fresh {@code /tmp} needs its own mount namespace, so {@code freshTmp} adds {@link Namespace#MOUNT}.
 * The hostname is not part of the request: the child sets it itself, once it runs inside the UTS namespace.
 */
public record NamespaceRequest(Set<Namespace> namespaces, boolean freshTmp, List<String> keptInTmp) {

    public NamespaceRequest {
        keptInTmp = List.copyOf(keptInTmp);
        EnumSet<Namespace> copy = EnumSet.noneOf(Namespace.class);
        copy.addAll(namespaces);
        if (freshTmp) {
            copy.add(Namespace.MOUNT);
        }
        namespaces = Collections.unmodifiableSet(copy);
    }

    /** A request that carries nothing of the host's {@code /tmp} into a fresh one. */
    public NamespaceRequest(Set<Namespace> namespaces, boolean freshTmp) {
        this(namespaces, freshTmp, List.of());
    }

    /**
     * A copy that carries these entries of the host's {@code /tmp} (names directly under it, e.g. the directory a
     * build runs in) into the fresh one, bind-mounted: the child JVM needs its class path to start.
     */
    public NamespaceRequest keepingInTmp(List<String> names) {
        return new NamespaceRequest(namespaces, freshTmp, names);
    }

    /** A request for the given namespaces and no private {@code /tmp}. */
    public static NamespaceRequest of(Namespace... namespaces) {
        return new NamespaceRequest(Set.of(namespaces), false);
    }

    /** A copy of this request that also mounts a private tmpfs on {@code /tmp}. */
    public NamespaceRequest withFreshTmp() {
        return new NamespaceRequest(namespaces, true, keptInTmp);
    }

    public boolean isEmpty() {
        return namespaces.isEmpty();
    }

    public boolean contains(Namespace namespace) {
        return namespaces.contains(namespace);
    }

    /** "PID, network and a private /tmp": the request in words, for messages. */
    public String describe() {
        String names = namespaces.stream().map(Namespace::humanName).collect(Collectors.joining(", "));
        String what = names.isEmpty() ? "no" : names;
        return what + " namespace" + (namespaces.size() == 1 ? "" : "s") + (freshTmp ? " with a private /tmp" : "");
    }
}
