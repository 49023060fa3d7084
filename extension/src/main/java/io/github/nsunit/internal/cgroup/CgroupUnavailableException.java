package io.github.nsunit.internal.cgroup;

/**
 * The host cannot give a test the cgroup it asked for; the message names the controller, the path, the
 * kernel's answer and what the user can do about it.
 */
public class CgroupUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CgroupUnavailableException(String message) {
        super(message);
    }

    public CgroupUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
