package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.AssignmentCodec;
import io.github.nsunit.internal.channel.ChannelWriter;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;

import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Entry point of a child JVM. Reads its assignment from stdin, runs exactly that test through the JUnit
 * Platform launcher, reports over the channel (a file descriptor the launcher opened before the namespaces were
 * made, named by {@code args[0]}), and exits.
 */
public final class ChildMain {
    /** The reason of a result that comes from the child's own set-up, not from the test or task. */
    public static final String SET_UP_STEP = "nsunit child set-up";

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("nsunit child: expected one argument, the channel path; got " + args.length);
            System.exit(2);
        }
        ChildMode.enter();
        // Everything up to here, the launcher with its engines and the warm-up, does not depend on the test: a
        // child started before its test is known gets this far while the previous test still runs.
        SingleTestRunner.prepareLauncher();
        WarmUp.runIfWaiting(System.in);
        Assignment assignment = AssignmentCodec.read(System.in);
        ChannelWriter channel = new ChannelWriter(new FileOutputStream(args[0]));
        ExitReporter exitReporter = ExitReporter.install(channel);
        BeforeBody.configure(assignment.settings(), channel);
        TestResult result = setUp(assignment);
        if (result == null) {
            // A programmatic run (Isolated.call) assigns a task instead of a test; everything else is the same.
            if (assignment.work() instanceof Assignment.Test test) {
                result = run(channel, assignment, test);
            } else {
                SingleTestRunner.closePrepared();
                result = new CallableRunner(channel).run(assignment.work());
            }
        }
        LeftoverProcesses.report(assignment.settings().pidNamespace(), channel);
        channel.result(result);
        channel.close();
        exitReporter.finished();
        ResultHold.awaitReleaseIfFailed(assignment.settings().debugHold(), result);
        Descendants.kill();
        System.out.flush();
        System.err.flush();
        // A test may leave non-daemon threads behind; they must not keep this JVM, or the parent, waiting.
        System.exit(0);
    }

    /** Finishes the isolation; a step that fails is the test's failure, reported like any other. */
    private static TestResult setUp(Assignment assignment) {
        try {
            ChildSetup.apply(assignment.settings());
            return null;
        } catch (RuntimeException | Error e) {
            return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(e), SET_UP_STEP);
        }
    }

    /**
     * JUnit rethrows an {@link OutOfMemoryError} out of the launcher instead of reporting it: it still is the
     * test's result. By the time it arrives here the test's allocations are unreachable, so it can be sent.
     */
    private static TestResult run(ChannelWriter channel, Assignment assignment, Assignment.Test test) {
        try {
            return new SingleTestRunner(channel).run(test.uniqueId(), assignment.configurationParameters());
        } catch (OutOfMemoryError e) {
            return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(e), null);
        }
    }
}
