package io.github.nsunit;

import org.apiguardian.api.API;

import java.io.Serializable;

/**
 * A piece of code to run in an isolated child JVM that returns a value ({@link Isolated#call}). It is serialized
 * and sent to the child, and its value serialized back, so a lambda may capture and return only serializable
 * values; it may throw anything.
 *
 * @param <T> the type of the value it returns
 */
@FunctionalInterface
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SerializableCallable<T> extends Serializable {

    T call() throws Exception;
}
