package io.github.nsunit.internal.child;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.Test;

/**
 * The test a training child runs so the class-data-sharing archive holds what every child loads: the launcher,
 * the Jupiter engine, discovery by unique id, the nsunit extension and channel. Its name does not match JUnit's
 * default class-name patterns, so class-path scanning does not pick it up.
 */
@Forked
public final class ArchiveTraining {
    public static final String UNIQUE_ID = "[engine:junit-jupiter]/[class:" + ArchiveTraining.class.getName()
            + "]/[method:run()]";

    @Test
    void run() {
        // nothing: the classes loaded to get here are the point
    }
}
