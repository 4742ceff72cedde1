package io.tandem.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DN rows the console pages and searches, read from the core at most every {@link #MIN_AGE_MS} ms and
 * only when something changed: however many consoles ask, the core thread builds at most ten lists a
 * second, and the paging and searching run on the asker's thread. Thread-safe.
 */
final class DnSnapshots {

    /** A list younger than this is served even if something changed since. */
    static final long MIN_AGE_MS = 100;

    private record Snapshot(long version, long builtAtNanos, List<AdminView.DnRow> rows) {
    }

    private final AdminApi.CoreReader core;
    private Snapshot current;
    private CompletableFuture<List<AdminView.DnRow>> building;

    DnSnapshots(AdminApi.CoreReader core) {
        this.core = core;
    }

    /** The rows: the last list while it is current or young enough, else a new one (shared by all who ask meanwhile). */
    synchronized CompletableFuture<List<AdminView.DnRow>> rows() {
        long version = core.version();
        Snapshot s = current;
        if (s != null && (s.version() == version || System.nanoTime() - s.builtAtNanos() < MIN_AGE_MS * 1_000_000)) {
            return CompletableFuture.completedFuture(s.rows());
        }
        CompletableFuture<List<AdminView.DnRow>> pending = building;
        if (pending == null) {
            pending = core.read(AdminView::allRows);
            building = pending;
            pending.whenComplete((rows, error) -> done(version, rows));
        }
        return pending;
    }

    private synchronized void done(long version, List<AdminView.DnRow> rows) {
        if (rows != null) {
            current = new Snapshot(version, System.nanoTime(), List.copyOf(rows));
        }
        building = null;
    }
}
