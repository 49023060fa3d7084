/**
 * Internal to nsunit, not API: Linux namespaces: the host probe, the strategies and the unshare stage. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.namespace;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
