package io.tandem.server.ha;

import java.util.function.Consumer;

/**
 * What every {@link Replicated} part has in common: its name and types, and the sink its changes go to. A feature's part
 * extends it and calls {@link #publish} for each change of its own state.
 *
 * @param <I> one item of a full synchronization
 * @param <C> one change
 */
public abstract class ReplicatedPart<I, C> implements Replicated<I, C> {

    private final String name;
    private final Class<I> itemType;
    private final Class<C> changeType;
    private Consumer<C> changes = c -> { };

    /** A part named {@code name} on the sync link, with items of {@code itemType} and changes of {@code changeType}. */
    protected ReplicatedPart(String name, Class<I> itemType, Class<C> changeType) {
        this.name = name;
        this.itemType = itemType;
        this.changeType = changeType;
    }

    /** Passes {@code change} of this server's own state to the replication. */
    protected final void publish(C change) {
        changes.accept(change);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<I> itemType() {
        return itemType;
    }

    @Override
    public final Class<C> changeType() {
        return changeType;
    }

    @Override
    public final void publishTo(Consumer<C> sink) {
        this.changes = sink;
    }
}
