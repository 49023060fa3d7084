/**
 * Internal to nsunit, not API: the result channel from the child to the parent: frames and their codecs. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.channel;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
