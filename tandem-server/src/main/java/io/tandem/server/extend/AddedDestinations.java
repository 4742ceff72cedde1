package io.tandem.server.extend;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The record of the remote destinations this server added to devices (and will remove again), kept in the server's
 * database so that after a crash it names the destinations the server may have left behind. An entry is written once
 * the switch added the destination and deleted once it was removed, off the activation's path (an activation never
 * waits for it). Implementations do their I/O off the core thread.
 */
public interface AddedDestinations {

    /**
     * One destination.
     *
     * @param device the CTI remote device
     * @param number the destination's number
     */
    record Entry(String device, String number) {
    }

    /** Records that {@code number} was added to {@code device}. */
    CompletableFuture<Void> adding(String device, String number);

    /** Records that {@code number} is no longer on {@code device}. */
    CompletableFuture<Void> removed(String device, String number);

    /** Every recorded destination. */
    CompletableFuture<List<Entry>> all();

    /** A record kept in memory only (tests, tools): nothing survives the process. */
    static AddedDestinations inMemory() {
        java.util.Set<Entry> entries = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new AddedDestinations() {
            @Override
            public CompletableFuture<Void> adding(String device, String number) {
                entries.add(new Entry(device, number));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> removed(String device, String number) {
                entries.remove(new Entry(device, number));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<List<Entry>> all() {
                return CompletableFuture.completedFuture(List.copyOf(entries));
            }
        };
    }
}
