package io.github.nsunit.internal.process;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the reader threads of a child read, queued for the awaiting thread to deliver, so output and report
 * entries reach the test's own thread. Bounded: a child printing 100 MB is slowed down to the pace the parent
 * relays at, not buffered.
 */
final class Deliveries {
    private static final long POLL_MS = 20;

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(256);

    /** Queues a delivery, waiting while the queue is full (the reader thread then stops reading). */
    void put(Runnable delivery) {
        try {
            queue.put(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the awaiting thread at once, without delivering anything. */
    void wake() {
        queue.offer(() -> { });
    }

    /** Delivers the next queued item, waiting a short while for one; whether there was one. */
    boolean deliverNext() throws InterruptedException {
        Runnable delivery = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (delivery == null) {
            return false;
        }
        delivery.run();
        return true;
    }

    /** Delivers what arrives until {@code deadline} ({@link System#nanoTime()}) or until {@code done}. */
    void deliverUntil(long deadline, BooleanSupplier done) throws InterruptedException {
        while (System.nanoTime() < deadline && !done.getAsBoolean()) {
            deliverNext();
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
