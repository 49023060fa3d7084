/**
 * Internal to nsunit, not API: the JUnit extension in the test JVM: from an annotated test to its child run and verdict. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.extension;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
