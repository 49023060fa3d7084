/**
 * Internal to nsunit, not API: figures in words (durations, bytes, signals) for every message nsunit writes; it
 * uses nothing else of nsunit, so the public result types can use it too. Types here may change or go in any
 * release; use the annotations, {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.text;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
