package io.github.nsunit.internal.launcher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Children started before their tests are known (as many as asked for), so their JVM start-up overlaps with
 * the test that runs now. A spare is used only by a test whose command is identical, and never for more than
 * one test; spares no test takes are killed when a test with another command comes or when this JVM exits.
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
    /** Oldest first: the one started longest ago is the most likely to be ready. All have the same command. */
    private static final Deque<Future<ChildProcess>> SPARES = new ArrayDeque<>();
    private static String key;

    private SpareChild() {
    }

    /** The spare, if one was prepared for exactly this command and is still alive. */
    static synchronized Optional<ChildProcess> take(String commandKey) {
        if (SPARES.isEmpty()) {
            return Optional.empty();
        }
        if (!commandKey.equals(key)) {
            SPARES.forEach(SpareChild::discard);
            SPARES.clear();
            key = null;
            return Optional.empty();
        }
        while (!SPARES.isEmpty()) {
            Future<ChildProcess> taken = SPARES.poll();
            try {
                ChildProcess child = taken.get();
                if (child.isAlive()) {
                    return Optional.of(child);
                }
                child.close(); // died while waiting (its stderr is lost with it): start a fresh one instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException couldNotStart) {
                return Optional.empty(); // a fresh start will fail again and report why
            }
        }
        return Optional.empty();
    }

    /** Keeps {@code count} spares started for the next tests with this command, replacing any other. */
    static synchronized void prepare(ChildCommand command, int count) {
        if (!command.key().equals(key)) {
            SPARES.forEach(SpareChild::discard);
            SPARES.clear();
        }
        key = command.key();
        while (SPARES.size() < count) {
            SPARES.add(STARTER.submit(() -> ChildProcess.launch(command, true)));
        }
    }

    /** Kills the spares, if any, and waits until they are gone: the run is over and no test will take them. */
    public static void discard() {
        List<Future<ChildProcess>> unused;
        synchronized (SpareChild.class) {
            unused = List.copyOf(SPARES);
            SPARES.clear();
            key = null;
        }
        for (Future<ChildProcess> spare : unused) {
            try {
                spare.get().close();
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
