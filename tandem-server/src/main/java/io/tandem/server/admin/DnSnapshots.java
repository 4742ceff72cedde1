package io.tandem.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DN rows the console pages and searches, read from the core only when something changed and at most
 * every {@link #MIN_AGE_MS} ms: however many consoles ask, the core thread builds at most ten lists a second,
 * and the paging and searching run on the asker's thread. Thread-safe.
 */
final class DnSnapshots {

    /** The shortest time between two reads of the core. */
    static final long MIN_AGE_MS = 100;

    private record Snapshot(long version, long builtAtNanos, List<AdminView.DnRow> rows) {
    }

    private final AdminApi.CoreReader core;
    private Snapshot current;
    private CompletableFuture<List<AdminView.DnRow>> building;

    DnSnapshots(AdminApi.CoreReader core) {
        this.core = core;
    }

    /**
     * The rows: the last list while nothing changed since it was read; otherwise a new list, read as soon as
     * the last one is {@link #MIN_AGE_MS} ms old (an answer never shows less than what had changed when it was
     * asked for); one read is shared by all who ask meanwhile.
     */
    synchronized CompletableFuture<List<AdminView.DnRow>> rows() {
        long version = core.version();
        Snapshot s = current;
        if (s != null && s.version() == version) {
            return CompletableFuture.completedFuture(s.rows());
        }
        if (building != null) {
            return building;
        }
        long waitMs = s == null ? 0 : Math.max(0, MIN_AGE_MS - (System.nanoTime() - s.builtAtNanos()) / 1_000_000);
        java.util.concurrent.Executor when = waitMs == 0 ? Runnable::run
                : CompletableFuture.delayedExecutor(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        CompletableFuture<Snapshot> read = CompletableFuture.supplyAsync(core::version, when)
                .thenCompose(v -> core.read(AdminView::allRows).thenApply(rows -> new Snapshot(v, System.nanoTime(), List.copyOf(rows))));
        CompletableFuture<List<AdminView.DnRow>> pending = read.thenApply(Snapshot::rows);
        building = pending;
        read.whenComplete((snapshot, error) -> done(pending, snapshot));
        return pending;
    }

    private synchronized void done(CompletableFuture<List<AdminView.DnRow>> read, Snapshot snapshot) {
        if (snapshot != null) {
            current = snapshot;
        }
        if (building == read) {
            building = null;
        }
    }
}
