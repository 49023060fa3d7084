package io.github.nsunit.internal.namespace;

/** A Linux namespace kind, with the util-linux {@code unshare} option that creates it and a name for messages. */
public enum Namespace {
    PID("--pid", "pid", "PID"),
    NETWORK("--net", "net", "network"),
    MOUNT("--mount", "mnt", "mount"),
    UTS("--uts", "uts", "UTS (hostname)"),
    IPC("--ipc", "ipc", "IPC"),
    USER("--user", "user", "user");

    private final String unshareFlag;
    private final String procName;
    private final String humanName;

    Namespace(String unshareFlag, String procName, String humanName) {
        this.unshareFlag = unshareFlag;
        this.procName = procName;
        this.humanName = humanName;
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
