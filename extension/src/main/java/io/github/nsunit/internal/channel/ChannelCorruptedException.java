package io.github.nsunit.internal.channel;

import java.io.IOException;

/**
 * The child's result channel held bytes the protocol does not allow: a count or length out of bounds, a frame
 * that ends early, a status or kind this version does not know, a throwable nested too deep. The parent stops
 * believing the channel at that point; the test's verdict says so instead of guessing.
 */
public final class ChannelCorruptedException extends IOException {
    public ChannelCorruptedException(String message) {
        super(message);
    }

    public ChannelCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
