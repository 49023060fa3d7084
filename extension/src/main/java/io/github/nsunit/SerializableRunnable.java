package io.github.nsunit;

import org.apiguardian.api.API;

import java.io.Serializable;

/**
 * A piece of code to run in an isolated child JVM that returns nothing ({@link Isolated#run}). It is serialized
 * and sent to the child, so a lambda may capture only serializable values; it may throw anything.
 */
@FunctionalInterface
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SerializableRunnable extends Serializable {

    void run() throws Exception;
}
