package io.github.nsunit.internal.process;

import io.github.nsunit.internal.command.ChildCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Children started before their tests are known (as many as asked for), so their JVM start-up overlaps with
 * the test that runs now. Spares are kept per kind of child (the command key that decides whether a test may
 * use one), so parallel tests with different isolation do not throw each other's spares away; a spare is used
 * only by a test whose command is identical, and never for more than one test. Spares no test takes are
 * killed when the run ends, when this JVM exits, or when spares of other kinds crowd them out.
 *
 * <p>Spares are started on one thread that lives as long as this JVM: the kernel's parent-death signal
 * follows the thread that started a child, so a short-lived thread would take its spare down with it. For the
 * same reason nothing else runs on that thread: unused spares are closed on another one, and a close that
 * fails is reported, never allowed to end the starter (and with it every child it started).
 *
 * <p>The lock guards only the pool; waiting for a start happens outside it, so a test that waits for its
 * spare never blocks another test.
 */
public final class SpareChild {
    private static final ExecutorService STARTER = daemonThread("nsunit-spare-child-starter");
    private static final ExecutorService CLOSER = daemonThread("nsunit-spare-child-closer");
    /** Per command key, oldest first: the one started longest ago is the most likely to be ready. */
    private static final Map<String, Deque<Future<ChildProcess>>> SPARES = new LinkedHashMap<>();

    private SpareChild() {
    }

    /** A spare prepared for exactly this command and still alive, if there is one. */
    static Optional<ChildProcess> take(String commandKey) {
        while (true) {
            Future<ChildProcess> taken;
            synchronized (SpareChild.class) {
                Deque<Future<ChildProcess>> ofKind = SPARES.get(commandKey);
                taken = ofKind == null ? null : ofKind.poll();
                if (ofKind != null && ofKind.isEmpty()) {
                    SPARES.remove(commandKey);
                }
            }
            if (taken == null) {
                return Optional.empty();
            }
            try {
                ChildProcess child = taken.get();
                if (child.isAlive()) {
                    return Optional.of(child);
                }
                closeQuietly(child); // died while waiting (its stderr is lost with it): try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                discardLater(taken);
                return Optional.empty();
            } catch (ExecutionException couldNotStart) {
                return Optional.empty(); // a fresh start will fail again and report why
            }
        }
    }

    /**
     * Keeps {@code count} spares started for the next tests with this command. Spares of other kinds stay as
     * long as all spares together are no more than twice {@code count} (room for the two kinds a mixed run
     * alternates between, while idle JVMs stay bounded); beyond that the kinds used longest ago go first.
     */
    static void prepare(ChildCommand command, int count) {
        List<Future<ChildProcess>> crowdedOut = new ArrayList<>();
        synchronized (SpareChild.class) {
            Deque<Future<ChildProcess>> ofKind = SPARES.remove(command.key());
            if (ofKind == null) {
                ofKind = new ArrayDeque<>();
            }
            while (ofKind.size() < count) {
                ofKind.add(STARTER.submit(() -> ChildProcess.launch(command, true)));
            }
            int others = SPARES.values().stream().mapToInt(Deque::size).sum();
            for (Iterator<Deque<Future<ChildProcess>>> kinds = SPARES.values().iterator();
                    kinds.hasNext() && others + ofKind.size() > 2 * count; ) {
                Deque<Future<ChildProcess>> oldest = kinds.next();
                others -= oldest.size();
                crowdedOut.addAll(oldest);
                kinds.remove();
            }
            SPARES.put(command.key(), ofKind); // re-inserted last: the kind used most recently goes last
        }
        crowdedOut.forEach(SpareChild::discardLater);
    }

    /** Kills the spares, if any, and waits until they are gone: the run is over and no test will take them. */
    public static void discard() {
        List<Future<ChildProcess>> unused = new ArrayList<>();
        synchronized (SpareChild.class) {
            SPARES.values().forEach(unused::addAll);
            SPARES.clear();
        }
        for (Future<ChildProcess> spare : unused) {
            try {
                closeQuietly(spare.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException neverStarted) {
                // nothing to close
            }
        }
    }

    private static void discardLater(Future<ChildProcess> unused) {
        CLOSER.execute(() -> {
            try {
                closeQuietly(unused.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException neverStarted) {
                // nothing to close
            }
        });
    }

    /** No test owns a spare, so a cleanup problem has no verdict to join: it is reported, and ends nothing. */
    private static void closeQuietly(ChildProcess spare) {
        try {
            spare.close();
        } catch (RuntimeException e) {
            System.err.println("[nsunit] could not clean up an unused spare child (pid " + spare.pid() + "): " + e);
        }
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
