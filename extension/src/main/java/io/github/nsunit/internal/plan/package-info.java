/**
 * Internal to nsunit, not API: from what a test asks for to how its child is set up (namespaces, limits, JVM
 * options). Types here may change or go in any release; use the annotations, {@code Isolated} and
 * {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.plan;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
