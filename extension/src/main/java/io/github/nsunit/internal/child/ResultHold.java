package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.TestResult;

import java.io.IOException;

/**
 * Debug hold ({@code nsunit.debug.hold}): after sending a failed result, the child stays alive, with its
 * namespaces and cgroup, until the parent releases it by closing its stdin (or kills it), so a developer can
 * enter it and look around.
 */
final class ResultHold {
    private ResultHold() {
    }

    static void awaitReleaseIfFailed(boolean debugHold, TestResult result) {
        if (!debugHold || result.status() != TestResult.Status.FAILED) {
            return;
        }
        try {
            while (System.in.read() >= 0) {
                // the parent sends nothing: end of stream is the release
            }
        } catch (IOException released) {
            // stdin is gone: released as well
        }
    }
}
