package io.github.nsunit;

import org.apiguardian.api.API;

/**
 * The host cannot give a test the isolation it asks for (a namespace, a cgroup limit). The message names the
 * test, what was tried, how each attempt failed and the remedies. With the configuration parameter
 * {@value NsunitProperties#UNAVAILABLE}{@code =skip} the test is skipped with the same message instead.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class IsolationUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IsolationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
