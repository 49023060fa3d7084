package io.github.nsunit.internal.namespace;

/** The outcome of trying one {@link Privilege} on this host: usable or not, and why, in the tool's own words. */
record Attempt(Privilege privilege, boolean usable, String detail) {

    static Attempt usable(Privilege privilege, String detail) {
        return new Attempt(privilege, true, detail);
    }

    static Attempt refused(Privilege privilege, String detail) {
        return new Attempt(privilege, false, detail);
    }

    /** "user-namespace: refused: `unshare ...` exited 1: ...". */
    @Override
    public String toString() {
        return privilege.configName() + ": " + (usable ? "usable" : "refused") + ": " + detail;
    }
}
