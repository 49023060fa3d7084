/**
 * Internal to nsunit, not API: starting a child JVM: its command, process, spares and start-up cache. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.launcher;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
