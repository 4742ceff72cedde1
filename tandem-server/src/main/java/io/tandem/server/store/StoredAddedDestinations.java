package io.tandem.server.store;

import io.tandem.server.extend.AddedDestinations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link AddedDestinations} in the server's database, written on a thread of its own (never the core thread); an
 * entry for a destination about to be added is durable (flushed to the file) before the switch is asked.
 */
public final class StoredAddedDestinations implements AddedDestinations {

    private final TServerStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "added-destinations-db");
        t.setDaemon(true);
        return t;
    });

    /** The record in {@code store}. */
    public StoredAddedDestinations(TServerStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> adding(String device, String number) {
        return CompletableFuture.runAsync(() -> store.destinationAdding(device, number), writer);
    }

    @Override
    public CompletableFuture<Void> removed(String device, String number) {
        return CompletableFuture.runAsync(() -> store.destinationRemoved(device, number), writer);
    }

    @Override
    public CompletableFuture<List<Entry>> all() {
        return CompletableFuture.supplyAsync(() -> store.addedDestinations().stream().map(r -> new Entry(r[0], r[1])).toList(), writer);
    }
}
