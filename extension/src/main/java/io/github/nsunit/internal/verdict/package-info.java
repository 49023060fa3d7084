/**
 * Internal to nsunit, not API: turning how a child ended into the test's result and message. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.verdict;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
