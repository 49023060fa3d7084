package io.github.nsunit.internal.parent;

import io.github.nsunit.internal.launcher.ChildProcess;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Closes a test's child once its outcome is known. The test's verdict comes first: a cleanup that fails (a
 * cgroup that cannot be removed) is reported beside it, on stderr and as the report entry {@value #ENTRY},
 * never in its place.
 */
final class ChildCleanup {
    static final String ENTRY = "nsunit.cleanup-error";

    private ChildCleanup() {
    }

    /** The cleanup's failure, if it failed, after reporting it. */
    static Optional<RuntimeException> close(ExtensionContext context, ChildProcess child) {
        try {
            child.close();
            return Optional.empty();
        } catch (RuntimeException e) {
            String problem = "could not clean up after " + TestNames.of(context) + ": " + e.getMessage();
            System.err.println("[nsunit] " + problem);
            context.publishReportEntry(ENTRY, problem);
            return Optional.of(e);
        }
    }
}
