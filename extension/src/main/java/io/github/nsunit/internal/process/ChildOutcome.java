package io.github.nsunit.internal.process;

import io.github.nsunit.internal.command.ChannelStage;
import io.github.nsunit.internal.channel.ExitCall;
import io.github.nsunit.internal.channel.TestResult;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the parent observed about one child: what it reported over the channel (if anything), how the
 * process ended, and what the watchdog did.
 *
 * @param exitStatus as {@link Process#exitValue()} gives it: 128 + n for a death by signal n
 * @param timeout    the watchdog's limit; {@code timedOut} tells whether it fired
 * @param threadDump the child's threads when the watchdog fired (empty otherwise)
 * @param stderrTail the last lines the child wrote to stderr
 * @param stdoutTail the last lines the child wrote to stdout (a JVM prints its crash banner there)
 * @param channelError what ended reading the channel early, if anything did
 * @param channelCorrupted whether that was bytes the protocol does not allow, not an early end
 * @param returnValue what a programmatic run's task returned, serialized (empty for a test, or when it did not return)
 */
public record ChildOutcome(Optional<TestResult> result, Optional<ExitCall> exitCall, int exitStatus,
                           boolean timedOut, Duration timeout, String threadDump, String stderrTail, String stdoutTail,
                           Optional<String> channelError, boolean channelCorrupted, Map<String, Long> measurements,
                           long pid, Optional<byte[]> returnValue) {
    /** The status of a start that found no result channel to open (the channel stage's own exit). */
    public static final int NO_CHANNEL_STATUS = ChannelStage.NO_CHANNEL_STATUS;

    /** An outcome of a test's child, which returns no value. */
    public ChildOutcome(Optional<TestResult> result, Optional<ExitCall> exitCall, int exitStatus, boolean timedOut,
                        Duration timeout, String threadDump, String stderrTail, String stdoutTail,
                        Optional<String> channelError, Map<String, Long> measurements, long pid) {
        this(result, exitCall, exitStatus, timedOut, timeout, threadDump, stderrTail, stdoutTail, channelError,
                false, measurements, pid, Optional.empty());
    }
}
