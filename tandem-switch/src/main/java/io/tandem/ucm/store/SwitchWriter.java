package io.tandem.ucm.store;

import io.tandem.common.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the switch's run-time state off the switch thread: one thread, "ucm-persistence", takes the writes in the
 * order they were queued and commits everything waiting in one transaction (a group commit; durable with CHECKPOINT
 * when any write of the group asks for it). A write that fails is isolated (the group is retried one write per
 * transaction), its undo runs on the switch thread and its future fails; the others are kept.
 *
 * <p>The switch thread answers a request only once the writes it queued are committed ({@link #collect}), so what
 * the switch answered survives a crash, and the switch thread never waits for the database.
 */
public final class SwitchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchWriter.class);

    /** Writes waiting at most; beyond it the switch refuses new requests until the writer catches up. */
    public static final int CAPACITY = 100_000;
    /** Writes per transaction at most. */
    static final int GROUP = 1_000;

    private record Write(String doing, boolean durable, Database.Work<?> work, Runnable undo, CompletableFuture<Void> done) {
    }

    private final Database database;
    private final Executor owner;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private List<CompletableFuture<Void>> collecting;
    private volatile boolean closed;

    /** A writer to {@code database} whose undo actions run on {@code owner} (the switch thread). */
    public SwitchWriter(Database database, Executor owner) {
        this.database = database;
        this.owner = owner;
        this.thread = new Thread(this::run, "ucm-persistence");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code work} (switch thread); {@code undo} takes the in-memory change back if the write fails, and must
     * check that the change is still there. The returned future completes when the write is committed.
     */
    public CompletableFuture<Void> write(String doing, boolean durable, Database.Work<?> work, Runnable undo) {
        Write write = new Write(doing, durable, work, undo, new CompletableFuture<>());
        depth.incrementAndGet();
        queue.add(write);
        if (collecting != null) {
            collecting.add(write.done);
        }
        return write.done;
    }

    /**
     * Runs {@code action} (switch thread) and returns when the writes it queued are committed: at once when it queued
     * none. Fails with the first failed write's error.
     */
    public CompletableFuture<Void> collect(Runnable action) {
        List<CompletableFuture<Void>> outer = collecting;
        List<CompletableFuture<Void>> mine = new ArrayList<>();
        collecting = mine;
        try {
            action.run();
        } finally {
            collecting = outer;
            if (outer != null) {
                outer.addAll(mine);
            }
        }
        return mine.isEmpty() ? CompletableFuture.completedFuture(null) : CompletableFuture.allOf(mine.toArray(CompletableFuture[]::new));
    }

    /** Writes queued and not yet committed (a gauge). */
    public int depth() {
        return depth.get();
    }

    /** Whether the writer is so far behind that new requests should be refused. */
    public boolean full() {
        return depth.get() >= CAPACITY;
    }

    /** Writes that failed since the start. */
    public long failed() {
        return failed.get();
    }

    private void run() {
        List<Write> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Write> group) {
        boolean durable = group.stream().anyMatch(Write::durable);
        try {
            Database.Work<Void> all = c -> {
                for (Write w : group) {
                    w.work.run(c);
                }
                return null;
            };
            if (durable) {
                database.inDurableTransaction("store " + group.size() + " switch changes", all);
            } else {
                database.inTransaction("store " + group.size() + " switch changes", all);
            }
            depth.addAndGet(-group.size()); // before the answers: whoever sees one sees the writer caught up with it
            group.forEach(w -> w.done.complete(null));
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                depth.decrementAndGet();
                fail(group.get(0), e);
                return;
            }
            for (Write w : group) {
                commit(List.of(w));
            }
        }
    }

    private void fail(Write write, RuntimeException e) {
        failed.incrementAndGet();
        LOG.error("the switch could not {}; taking the change back: {}", write.doing, e.toString());
        owner.execute(() -> {
            try {
                write.undo.run();
            } catch (RuntimeException u) {
                LOG.error("could not take back the change after failing to {}: {}", write.doing, u.toString());
            }
            write.done.completeExceptionally(new io.tandem.switchlink.SwitchException(io.tandem.switchlink.SwitchError.INTERNAL,
                    "the switch could not " + write.doing + ": " + e.getMessage()));
        });
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
