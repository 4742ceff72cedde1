package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The replication of registered parts between two {@link Replication}s joined by their messages, without a network:
 * full synchronization, changes numbered across parts, unknown parts and miscounts refused, takeover in order.
 */
class ReplicationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);

    /** A feature's state for the test: named notes. */
    record Note(String key, String text) {
    }

    /** A small replicated part holding notes by key. */
    static final class Notes implements Replicated<Note, Note> {
        final String name;
        final Map<String, Note> own = new LinkedHashMap<>();
        final Map<String, Note> mirror = new LinkedHashMap<>();
        final List<String> log;
        Consumer<Note> changes;

        Notes(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        void put(String key, String text) {
            Note note = new Note(key, text);
            own.put(key, note);
            changes.accept(note);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<Note> itemType() {
            return Note.class;
        }

        @Override
        public Class<Note> changeType() {
            return Note.class;
        }

        @Override
        public void publishTo(Consumer<Note> sink) {
            changes = sink;
        }

        @Override
        public List<Note> snapshot() {
            return List.copyOf(own.values());
        }

        @Override
        public int size() {
            return own.size();
        }

        @Override
        public void replaceMirror(List<Note> items) {
            mirror.clear();
            items.forEach(n -> mirror.put(n.key(), n));
        }

        @Override
        public void applyToMirror(Note change) {
            mirror.put(change.key(), change);
        }

        @Override
        public int mirrored() {
            return mirror.size();
        }

        @Override
        public CompletableFuture<String> takeOver() {
            log.add(name + " took over " + mirror.keySet());
            return CompletableFuture.completedFuture(name + ": " + mirror.size());
        }
    }

    private final List<String> log = new ArrayList<>();
    private final Replication primary = new Replication(CLOCK);
    private final Notes primaryA = new Notes("a", log);
    private final Notes primaryB = new Notes("b", log);
    private final Replication backup = new Replication(CLOCK);
    private final Notes backupA = new Notes("a", log);
    private final Notes backupB = new Notes("b", log);

    ReplicationTest() {
        primary.register(primaryA);
        primary.register(primaryB);
        backup.register(backupA);
        backup.register(backupB);
    }

    /** Sends every message through the codec, as the transport does, and applies it on the backup. */
    private Consumer<SyncMessage> wire(Replication.FullMirror[] full) {
        Replication.Decoder decoder = backup.decoder();
        return message -> {
            SyncMessage sent = SyncCodec.decode(SyncCodec.encode(message).trim());
            if (sent instanceof SyncMessage.FullSync batch) {
                full[0].add(batch);
            } else if (sent instanceof SyncMessage.FullSyncDone done) {
                full[0].check(done);
                backup.mirror(full[0], done.sequence());
            } else if (sent instanceof SyncMessage.Change change) {
                backup.apply(decoder.change(change), change.sequence());
            }
        };
    }

    @Test
    void aBackupGetsEveryPartInFullThenEveryChangeNumberedAcrossParts() {
        primaryA.put("x", "one");
        primaryB.put("y", "two");
        Replication.FullMirror[] full = {backup.decoder().fullMirror()};
        List<SyncMessage> sent = new ArrayList<>();
        Consumer<SyncMessage> wire = wire(full);
        Runnable stop = primary.serve(m -> {
            sent.add(m);
            wire.accept(m);
        });

        assertThat(sent).hasSize(3);
        assertThat(sent.get(2)).isEqualTo(new SyncMessage.FullSyncDone(Map.of("a", 1, "b", 1), 2));
        assertThat(backupA.mirror).containsOnlyKeys("x");
        assertThat(backup.figures()).isEqualTo(new Replication.Figures(Map.of("a", 1, "b", 1), 2, 0));
        assertThat(primary.figures().followers()).isEqualTo(1);

        primaryB.put("z", "three");
        primaryA.put("x", "four");
        assertThat(backupB.mirror).containsOnlyKeys("y", "z");
        assertThat(backupA.mirror.get("x").text()).isEqualTo("four");
        assertThat(backup.figures().sequence()).isEqualTo(4);
        assertThat(((SyncMessage.Change) sent.get(4)).part()).isEqualTo("a");

        stop.run();
        primaryA.put("w", "not sent");
        assertThat(backupA.mirror).doesNotContainKey("w");
        assertThat(primary.figures()).isEqualTo(new Replication.Figures(Map.of("a", 2, "b", 2), 5, 0));
    }

    @Test
    void takeoverRunsEveryPartInRegistrationOrder() {
        backupB.replaceMirror(List.of(new Note("q", "r")));
        assertThat(backup.takeOver().join()).containsExactly("a: 0", "b: 1");
        assertThat(log).containsExactly("a took over []", "b took over [q]");
    }

    @Test
    void unknownPartsMiscountsAndMalformedItemsAreRefusedWithTheirNames() {
        Replication.FullMirror full = backup.decoder().fullMirror();
        assertThatThrownBy(() -> full.add(new SyncMessage.FullSync("agents", List.of())))
                .isInstanceOf(SyncProtocolException.class).hasMessage("unknown replicated part 'agents'; this server replicates [a, b]");
        full.add(new SyncMessage.FullSync("a", List.of(SyncCodec.toTree(new Note("x", "y")))));
        assertThatThrownBy(() -> full.check(new SyncMessage.FullSyncDone(Map.of("a", 2), 1)))
                .isInstanceOf(SyncProtocolException.class).hasMessage("fullSyncDone says 2 a, 1 arrived");
        assertThatThrownBy(() -> full.check(new SyncMessage.FullSyncDone(Map.of("a", 1, "c", 0), 1)))
                .isInstanceOf(SyncProtocolException.class).hasMessageStartingWith("unknown replicated part 'c'");
        assertThatThrownBy(() -> backup.decoder().change(new SyncMessage.Change("a", 1, 0, SyncCodec.toTree(List.of(1)))))
                .isInstanceOf(SyncProtocolException.class).hasMessageStartingWith("malformed sync message: ");
        assertThatThrownBy(() -> primary.register(new Notes("a", log)))
                .isInstanceOf(IllegalStateException.class).hasMessage("a replicated part named 'a' is registered already");
    }
}
