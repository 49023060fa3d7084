/**
 * Internal to nsunit, not API: what runs inside the child JVM: ChildMain and the test's launcher session. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.child;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
