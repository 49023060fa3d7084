/**
 * Internal to nsunit, not API: the command that starts a child JVM: the java command line, its class path, and the chain of
 * stages around it (the channel's FIFO, the cgroup join, the namespaces); built from a ChildSpec. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.command;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
