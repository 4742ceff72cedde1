package io.tandem.server.store;

import io.tandem.server.extend.AddedDestinations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AddedDestinations} in the server's database, written by a thread of its own (never the core thread). Changes
 * are group-committed: the writer collects changes for {@link #LINGER} and writes them in one transaction (the last
 * change of each destination wins), so thousands of activations a second cost ten transactions. At most {@link #MAX_PENDING} changes wait; beyond, a change is
 * dropped with a warning (the destination is then not removed after a crash).
 */
public final class StoredAddedDestinations implements AddedDestinations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAddedDestinations.class);

    /** How long the writer collects changes before it writes them. */
    public static final java.time.Duration LINGER = java.time.Duration.ofMillis(100);

    /** Changes that may wait for the writer at most. */
    public static final int MAX_PENDING = 100_000;

    /** One change waiting to be written. */
    record Change(String device, String number, boolean added, CompletableFuture<Void> done) {
    }

    private final TServerStore store;
    private final BlockingQueue<Change> pending = new ArrayBlockingQueue<>(MAX_PENDING);
    private final java.util.concurrent.atomic.AtomicInteger unwritten = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread writer;
    private volatile boolean closed;

    /** The record in {@code store}; starts its writer thread. */
    public StoredAddedDestinations(TServerStore store) {
        this.store = store;
        this.writer = new Thread(this::write, "added-destinations-db");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public CompletableFuture<Void> adding(String device, String number) {
        return enqueue(device, number, true);
    }

    @Override
    public CompletableFuture<Void> removed(String device, String number) {
        return enqueue(device, number, false);
    }

    private CompletableFuture<Void> enqueue(String device, String number, boolean added) {
        Change change = new Change(device, number, added, new CompletableFuture<>());
        unwritten.incrementAndGet();
        if (closed || !pending.offer(change)) {
            unwritten.decrementAndGet();
            LOG.warn("not recording remote destination {} of {}: the record is {}", number, device, closed ? "closed" : "behind by " + MAX_PENDING);
            change.done().completeExceptionally(new IllegalStateException("the record of added remote destinations is "
                    + (closed ? "closed" : "behind by " + MAX_PENDING + " changes")));
        }
        return change.done();
    }

    @Override
    public CompletableFuture<List<Entry>> all() {
        return CompletableFuture.supplyAsync(() -> store.addedDestinations().stream().map(r -> new Entry(r[0], r[1])).toList());
    }

    /** How many changes are not written yet (waiting, or in the batch being written). */
    public int unwritten() {
        return unwritten.get();
    }

    private void write() {
        List<Change> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(pending.take());
                // linger: let what arrives in the next moment queue up, so that a burst of activations costs one
                // transaction; the writer sleeps meanwhile rather than waiting on the queue, so that the core thread's
                // changes do not wake it one by one (a wake-up per change cost the core 7 % of its time at 2,000/s)
                Thread.sleep(LINGER.toMillis());
                pending.drainTo(batch);
            } catch (InterruptedException e) {
                return;
            }
            try { // the store counts the last change of each destination: an addition removed again is never written
                store.recordAddedDestinations(batch.stream()
                        .map(c -> new String[] {c.device(), c.number(), c.added() ? "add" : "remove"}).toList());
                batch.forEach(c -> c.done().complete(null));
            } catch (RuntimeException e) {
                LOG.warn("could not record {} remote destination changes: {}", batch.size(), e.toString());
                batch.forEach(c -> c.done().completeExceptionally(e));
            }
            unwritten.addAndGet(-batch.size());
            batch.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
