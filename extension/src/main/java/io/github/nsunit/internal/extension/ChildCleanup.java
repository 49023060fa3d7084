package io.github.nsunit.internal.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reports a cleanup that failed after a test's child ended. The test's verdict comes first: a cleanup that fails
 * (a cgroup that cannot be removed) is reported beside it, on stderr and as the report entry {@value #ENTRY},
 * never in its place.
 */
final class ChildCleanup {
    static final String ENTRY = "nsunit.cleanup-error";

    private ChildCleanup() {
    }

    static void report(ExtensionContext context, RuntimeException failure) {
        String problem = "could not clean up after " + TestNames.of(context) + ": " + failure.getMessage();
        System.err.println("[nsunit] " + problem);
        context.publishReportEntry(ENTRY, problem);
    }
}
