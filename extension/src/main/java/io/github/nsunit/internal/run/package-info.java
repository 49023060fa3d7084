/**
 * Internal to nsunit, not API: the one runner of a child, JUnit-free, that both entry points (the extension
 * and the programmatic API) use: a {@link io.github.nsunit.internal.run.RunSpec} in, a
 * {@link io.github.nsunit.internal.run.ChildRun} out. Types here may change or go in any release; use the
 * annotations, {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.run;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
