/**
 * Internal to nsunit, not API: a running child JVM: starting its command, spares started ahead of their tests, the pumps of its
 * output and channel, the debug hold, thread dumps, and what the parent saw of it (ChildOutcome). Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.process;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
