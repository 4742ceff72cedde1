package io.tandem.server.ha;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One piece of state that must survive a switchover, kept by the feature that owns it and carried to the backup by
 * {@link Replication}: a full synchronization when a backup arrives, then every change, and an action when the backup
 * takes over. Items and changes are records that Jackson maps to JSON; they are the feature's part of the sync
 * protocol. Every method runs on the core thread.
 *
 * <p>A feature keeps two copies: its own state (what {@link #snapshot()} returns, kept in either role so that a
 * promoted backup can synchronize the next one) and the mirror of the primary's (only filled on a backup).
 *
 * @param <I> one item of a full synchronization
 * @param <C> one change
 */
public interface Replicated<I, C> {

    /** The part's name on the sync link; stable, because it is part of the sync protocol. */
    String name();

    /** The type of a full synchronization's items. */
    Class<I> itemType();

    /** The type of a change. */
    Class<C> changeType();

    /** Connects the part to the replication: it passes every change of its own state to {@code changes}. Called once. */
    void publishTo(Consumer<C> changes);

    /** This server's own state, as a full synchronization. */
    List<I> snapshot();

    /** How many items this server's own state has. */
    int size();

    /** Backup: the primary's full synchronization replaces the mirror. */
    void replaceMirror(List<I> items);

    /** Backup: one change of the primary's state. */
    void applyToMirror(C change);

    /** How many items the mirror has. */
    int mirrored();

    /** This server became primary: act on the mirror (re-activate, re-adopt). Completes with a sentence for the log. */
    CompletableFuture<String> takeOver();
}
