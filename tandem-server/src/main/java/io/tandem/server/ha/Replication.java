package io.tandem.server.ha;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The replicated parts of this server ({@link Replicated}) and their way to the backup: as primary, a full
 * synchronization of every part for each arriving backup, then every change, numbered across parts; as backup, the
 * primary's full synchronization and changes applied to each part's mirror; on promotion, each part's takeover in the
 * order the parts were registered. Knows neither the transport nor the role. Core thread, except
 * {@link #figures()} (any thread) and {@link #decoder()} (the transport's threads).
 */
public final class Replication {

    /** Items per fullSync batch at most. */
    public static final int BATCH = 500;

    /**
     * What health reports show, readable from any thread.
     *
     * @param sizes per part: its own state's size (primary) or the mirror's (backup)
     * @param sequence the latest change published (primary) or applied (backup)
     * @param followers the backups receiving changes now
     */
    public record Figures(Map<String, Integer> sizes, long sequence, int followers) {
    }

    private final Clock clock;
    private final Map<String, Part<?, ?>> parts = new LinkedHashMap<>();
    private final List<Consumer<SyncMessage>> followers = new ArrayList<>();
    private long published;
    private long applied;
    private boolean mirroring;
    private volatile Figures figures = new Figures(Map.of(), 0, 0);

    /** A replication stamping changes with {@code clock}. */
    public Replication(Clock clock) {
        this.clock = clock;
    }

    /** Adds {@code part}; before the sync link starts. */
    public <I, C> void register(Replicated<I, C> part) {
        if (parts.putIfAbsent(part.name(), new Part<>(part)) != null) {
            throw new IllegalStateException("a replicated part named '" + part.name() + "' is registered already");
        }
        part.publishTo(change -> publish(part.name(), change));
        refresh();
    }

    private void publish(String part, Object change) {
        published++;
        if (!followers.isEmpty()) {
            SyncMessage message = new SyncMessage.Change(part, published, clock.millis(), SyncCodec.toTree(change));
            List.copyOf(followers).forEach(f -> f.accept(message));
        }
        if (!mirroring) {
            refresh();
        }
    }

    // ---- primary ----

    /**
     * Sends {@code follower} the full synchronization of every part, then every change until the returned action runs.
     */
    public Runnable serve(Consumer<SyncMessage> follower) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Part<?, ?> part : parts.values()) {
            List<JsonNode> items = part.snapshot();
            counts.put(part.name(), items.size());
            SyncCodec.batches(items, BATCH).forEach(batch -> follower.accept(new SyncMessage.FullSync(part.name(), batch)));
        }
        follower.accept(new SyncMessage.FullSyncDone(counts, published));
        followers.add(follower);
        refresh();
        return () -> {
            followers.remove(follower);
            refresh();
        };
    }

    // ---- backup ----

    /** Decodes what the primary sends; thread-safe once every part is registered. */
    public Decoder decoder() {
        return new Decoder(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts)));
    }

    /** Replaces every mirror with a decoded full synchronization ending at {@code atSequence}. */
    public void mirror(FullMirror full, long atSequence) {
        mirroring = true;
        parts.values().forEach(part -> full.install(part.name()));
        applied = atSequence;
        refresh();
    }

    /** Applies a decoded change numbered {@code sequence} to its part's mirror. */
    public void apply(Runnable change, long sequence) {
        mirroring = true;
        change.run();
        applied = sequence;
        refresh();
    }

    /** This server became primary: every part takes over, in order; completes with their sentences. */
    public CompletableFuture<List<String>> takeOver() {
        mirroring = false;
        List<CompletableFuture<String>> all = parts.values().stream().map(Part::takeOver).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /** How many items the mirror of part {@code name} has, or 0 for no such part. */
    public int mirrored(String name) {
        Part<?, ?> part = parts.get(name);
        return part == null ? 0 : part.owner.mirrored();
    }

    /** The latest figures; any thread. */
    public Figures figures() {
        return figures;
    }

    private void refresh() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        parts.values().forEach(p -> sizes.put(p.name(), mirroring ? p.owner.mirrored() : p.owner.size()));
        figures = new Figures(sizes, mirroring ? applied : published, followers.size());
    }

    /** A full synchronization being collected, decoded part by part as its batches arrive (transport thread). */
    public static final class FullMirror {
        private final Map<String, Part<?, ?>> parts;
        private final Map<String, List<Object>> items = new HashMap<>();

        private FullMirror(Map<String, Part<?, ?>> parts) {
            this.parts = parts;
        }

        /** Adds one batch; {@link SyncProtocolException} for an unknown part or a malformed item. */
        public void add(SyncMessage.FullSync batch) {
            Part<?, ?> part = Decoder.part(parts, batch.part());
            List<Object> list = items.computeIfAbsent(batch.part(), k -> new ArrayList<>());
            batch.items().forEach(item -> list.add(SyncCodec.fromTree(item, part.owner.itemType())));
        }

        /** Checks {@code done}'s counts against what arrived; {@link SyncProtocolException} naming a difference. */
        public void check(SyncMessage.FullSyncDone done) {
            for (String name : parts.keySet()) {
                int said = done.counts().getOrDefault(name, 0);
                int arrived = items.getOrDefault(name, List.of()).size();
                if (said != arrived) {
                    throw new SyncProtocolException("fullSyncDone says " + said + " " + name + ", " + arrived + " arrived");
                }
            }
            for (String name : done.counts().keySet()) {
                Decoder.part(parts, name);
            }
        }

        private void install(String name) {
            parts.get(name).replace(items.getOrDefault(name, List.of()));
        }
    }

    /** Decodes the primary's messages into actions for the core thread. Thread-safe. */
    public static final class Decoder {
        private final Map<String, Part<?, ?>> parts;

        private Decoder(Map<String, Part<?, ?>> parts) {
            this.parts = parts;
        }

        /** A new, empty full synchronization. */
        public FullMirror fullMirror() {
            return new FullMirror(parts);
        }

        /** {@code change} decoded, as the action that applies it; {@link SyncProtocolException} when it cannot be. */
        public Runnable change(SyncMessage.Change change) {
            return part(parts, change.part()).decodeChange(change.change());
        }

        private static Part<?, ?> part(Map<String, Part<?, ?>> parts, String name) {
            Part<?, ?> part = parts.get(name);
            if (part == null) {
                throw new SyncProtocolException("unknown replicated part '" + name + "'; this server replicates " + parts.keySet());
            }
            return part;
        }
    }

    /** A part with its types, so that decoded items and changes reach it typed. */
    private record Part<I, C>(Replicated<I, C> owner) {
        String name() {
            return owner.name();
        }

        List<JsonNode> snapshot() {
            return owner.snapshot().stream().map(SyncCodec::toTree).toList();
        }

        Runnable decodeChange(JsonNode tree) {
            C change = SyncCodec.fromTree(tree, owner.changeType());
            return () -> owner.applyToMirror(change);
        }

        void replace(List<Object> items) {
            owner.replaceMirror(items.stream().map(owner.itemType()::cast).toList());
        }

        CompletableFuture<String> takeOver() {
            return owner.takeOver();
        }
    }
}
