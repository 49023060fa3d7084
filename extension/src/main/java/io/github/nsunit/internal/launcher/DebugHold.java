package io.github.nsunit.internal.launcher;

import java.time.Duration;

/**
 * Keep a child whose test failed or timed out alive for {@code duration} before it is killed, so a developer can
 * enter it; {@code testName} names the test in what is printed meanwhile.
 */
public record DebugHold(Duration duration, String testName) {
}
