/**
 * Internal to nsunit, not API: the stage interface, one link of the chain of processes that starts a child,
 * which the kernel packages (cgroup, namespace) and the command implement, and the stage every child starts with (the parent-death signal). Types here may change or go in any
 * release; use the annotations, {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.stage;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
