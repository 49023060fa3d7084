package io.github.nsunit.internal.launcher;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * At most one child started before its test is known, so its JVM start-up overlaps with the test that runs
 * now. It is used only by a test whose command is identical, and never for more than one test; one that no
 * test takes is killed when another is prepared or when this JVM exits.
 *
 * <p>Spares are started on one thread that lives as long as this JVM: the kernel's parent-death signal
 * follows the thread that started a child, so a short-lived thread would take its spare down with it.
 */
public final class SpareChild {
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nsunit-spare-child-starter");
        thread.setDaemon(true);
        return thread;
    });
    private static String key;
    private static Future<ChildProcess> spare;

    private SpareChild() {
    }

    /** The spare, if one was prepared for exactly this command and is still alive. */
    static synchronized Optional<ChildProcess> take(String commandKey) {
        if (spare == null) {
            return Optional.empty();
        }
        Future<ChildProcess> taken = spare;
        boolean matches = commandKey.equals(key);
        spare = null;
        key = null;
        if (!matches) {
            discard(taken);
            return Optional.empty();
        }
        try {
            ChildProcess child = taken.get();
            if (child.isAlive()) {
                return Optional.of(child);
            }
            child.close(); // died while waiting (its stderr is lost with it): start a fresh one instead
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException couldNotStart) {
            return Optional.empty(); // a fresh start will fail again and report why
        }
    }

    /** Starts a spare for the next test with this command, replacing any other. */
    static synchronized void prepare(ChildCommand command) {
        if (spare != null) {
            discard(spare);
        }
        key = command.key();
        spare = STARTER.submit(() -> ChildProcess.launch(command, true));
    }

    /** Kills the spare, if any, and waits until it is gone: the run is over and no test will take it. */
    public static void discard() {
        Future<ChildProcess> unused;
        synchronized (SpareChild.class) {
            unused = spare;
            spare = null;
            key = null;
        }
        if (unused != null) {
            try {
                unused.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException neverStarted) {
                // nothing to close
            }
        }
    }

    private static void discard(Future<ChildProcess> unused) {
        STARTER.execute(() -> {
            try {
                unused.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException neverStarted) {
                // nothing to close
            }
        });
    }
}
