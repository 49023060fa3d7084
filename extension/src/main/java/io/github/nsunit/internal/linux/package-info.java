/**
 * Internal to nsunit, not API: the few libc calls nsunit makes (through jnr-ffi), and what /proc says of a
 * process. Types here may change or go in any release; use the annotations, {@code Isolated} and
 * {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.linux;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
