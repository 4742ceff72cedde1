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
 * order they were queued and commits everything waiting in one transaction (a group commit). A write that fails is
 * isolated (the group is retried one write per transaction), its undo runs on the switch thread and its future fails;
 * the others are kept.
 *
 * <p>Durability (docs/architecture.md): on an embedded H2 file, the statements of a group's journaled writes are
 * appended to the {@link SwitchJournal} after the commit and before the futures complete; a group with a write that
 * cannot be journaled (a run-time configuration change) is flushed into the database file with CHECKPOINT instead,
 * which also empties the journal, as does a checkpoint after a second without writes or when the journal passes
 * {@link #JOURNAL_LIMIT}. On PostgreSQL a commit is durable by itself. The switch thread answers a request only once
 * the writes it queued are done ({@link #collect}), so what the switch answered survives the process being killed,
 * and the switch thread never waits for the database.
 */
public final class SwitchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchWriter.class);

    /** Writes waiting at most; beyond it the switch refuses new requests until the writer catches up. */
    public static final int CAPACITY = 100_000;
    /**
     * Writes per transaction at most: 1,000, or the system property {@code tandem.switch.write-group} (1 turns group commit
     * off; for measuring what it saves, docs/benchmarks.md).
     */
    static final int GROUP = Integer.getInteger("tandem.switch.write-group", 1_000);
    /** Journal bytes beyond which the writer checkpoints even while writes keep coming. */
    static final long JOURNAL_LIMIT = 8L * 1024 * 1024;
    /** Quiet time after which what the journal holds is checkpointed into the database file. */
    static final long CHECKPOINT_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** A write; {@code statements} is what the journal records of it, null for a write that must be checkpointed. */
    private record Write(String doing, boolean durable, Database.Work<?> work, List<SwitchJournal.Statement> statements, Runnable undo,
            CompletableFuture<Void> done) {
    }

    private final Database database;
    private final SwitchJournal journal;
    private long lastWrite = System.nanoTime();
    private final long checkpointAfterNanos;
    private final Executor owner;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private List<CompletableFuture<Void>> collecting;
    private volatile boolean closed;

    /** A writer to {@code database} whose undo actions run on {@code owner} (the switch thread), without a journal. */
    public SwitchWriter(Database database, Executor owner) {
        this(database, null, owner);
    }

    /**
     * A writer to {@code database} whose undo actions run on {@code owner} (the switch thread); {@code journal} (null
     * when the database's commits need none) makes journaled writes durable.
     */
    public SwitchWriter(Database database, SwitchJournal journal, Executor owner) {
        this(database, journal, owner, CHECKPOINT_AFTER_NANOS);
    }

    /** As {@link #SwitchWriter(Database, SwitchJournal, Executor)}, checkpointing after {@code checkpointAfterNanos} without writes. */
    SwitchWriter(Database database, SwitchJournal journal, Executor owner, long checkpointAfterNanos) {
        this.checkpointAfterNanos = checkpointAfterNanos;
        this.database = database;
        this.journal = journal;
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
        return queue(new Write(doing, durable, work, null, undo, new CompletableFuture<>()));
    }

    /**
     * Queues {@code statements} (switch thread), durable through the journal: each must be keyed (a delete by key, or an
     * insert of a key that the switch knows is absent), so that replaying them is harmless. Otherwise as {@link #write}.
     */
    public CompletableFuture<Void> write(String doing, List<SwitchJournal.Statement> statements, Runnable undo) {
        List<SwitchJournal.Statement> copy = List.copyOf(statements);
        return queue(new Write(doing, true, c -> {
            for (SwitchJournal.Statement st : copy) {
                st.run(c);
            }
            return null;
        }, copy, undo, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> queue(Write write) {
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
                    checkpointIfDue(true);
                    continue;
                }
                group.add(first);
                queue.drainTo(group, GROUP - 1);
                commit(group);
                lastWrite = System.nanoTime();
                checkpointIfDue(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("the switch's writer failed: {}", e.toString(), e);
            } finally {
                group.clear();
            }
        }
        if (journal != null) {
            checkpoint();
            journal.close();
        }
    }

    /**
     * Empties the journal into the database file when it is big, or when no write came for a second (a checkpoint holds
     * the writes behind it for some milliseconds, so it waits for a quiet moment rather than interrupting a busy one).
     */
    private void checkpointIfDue(boolean idle) {
        if (journal == null || journal.bytes() == 0) {
            return;
        }
        if (journal.bytes() > JOURNAL_LIMIT || (idle && System.nanoTime() - lastWrite > checkpointAfterNanos)) {
            checkpoint();
        }
    }

    private void checkpoint() {
        try {
            database.flushToFile("checkpoint the switch journal");
            journal.reset();
        } catch (RuntimeException e) {
            LOG.warn("could not checkpoint the switch journal (it is kept and replayed at the next start): {}", e.toString());
        }
    }

    private void commit(List<Write> group) {
        boolean checkpointed = group.stream().anyMatch(w -> w.durable && w.statements == null);
        try {
            database.inTransaction("store " + group.size() + " switch changes", c -> {
                for (Write w : group) {
                    w.work.run(c);
                }
                return null;
            });
            makeDurable(group, checkpointed);
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

    /** After the commit of {@code group}, before its answers. */
    private void makeDurable(List<Write> group, boolean checkpointed) {
        if (journal == null) {
            if (group.stream().anyMatch(Write::durable)) {
                database.flushToFile("store " + group.size() + " switch changes"); // nothing to do on PostgreSQL or in memory
            }
            return;
        }
        if (!checkpointed) {
            List<List<SwitchJournal.Statement>> journaled = group.stream().map(Write::statements).filter(java.util.Objects::nonNull).toList();
            try {
                if (!journaled.isEmpty()) {
                    journal.append(journaled);
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("could not append to the switch journal; writing the database file instead: {}", e.toString());
            }
        }
        checkpoint();
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
