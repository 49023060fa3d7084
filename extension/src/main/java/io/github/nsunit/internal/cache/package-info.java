/**
 * Internal to nsunit, not API: the start-up cache (class-data archives, the exit agent's jar, the trust rules for the cache directory) and
 * this JVM's private directory for its children's files; the lowest part of a child's start. Types here may change or go in any release; use the annotations,
 * {@code Isolated} and {@code IsolatedRun} in {@code io.github.nsunit} instead.
 */
@API(status = INTERNAL, since = "0.1")
package io.github.nsunit.internal.cache;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;
