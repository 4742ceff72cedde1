package io.tandem.server.ha;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The messages of the synchronization link, one JSON object per line with a {@code type} field.
 *
 * <p>Listening server to connecting one: {@code challenge}. Backup to primary: {@code backupReady}. Primary to
 * backup: {@code primaryHello}, {@code fullSync} (in batches, each of one replicated part), {@code fullSyncDone}, then a
 * {@code change} of some part as it happens; or {@code refused}. Both ways: {@code heartbeat}. What a part's items and
 * changes look like is the business of the feature that owns it ({@link Replicated}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyncMessage.Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = SyncMessage.BackupReady.class, name = "backupReady"),
    @JsonSubTypes.Type(value = SyncMessage.PrimaryHello.class, name = "primaryHello"),
    @JsonSubTypes.Type(value = SyncMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = SyncMessage.FullSync.class, name = "fullSync"),
    @JsonSubTypes.Type(value = SyncMessage.FullSyncDone.class, name = "fullSyncDone"),
    @JsonSubTypes.Type(value = SyncMessage.Change.class, name = "change"),
    @JsonSubTypes.Type(value = SyncMessage.Heartbeat.class, name = "heartbeat")
})
public sealed interface SyncMessage {

    /**
     * The sync protocol version spoken by this build (2: authenticated by a shared secret; 3: state carried in named
     * replicated parts).
     */
    int PROTOCOL = 3;

    /** The listening server's first message: the nonce the backup must prove the secret over. */
    record Challenge(String nonce) implements SyncMessage {
    }

    /**
     * The backup announces itself with its own nonce and its proof ({@link SyncAuth}); the primary answers with a
     * full synchronization.
     */
    record BackupReady(String server, int protocol, String nonce, String proof) implements SyncMessage {
        @Override
        public String toString() {
            return "BackupReady[server=" + server + ", protocol=" + protocol + "]";
        }
    }

    /** The primary accepts the backup and proves the secret in turn. */
    record PrimaryHello(String server, int protocol, String proof) implements SyncMessage {
    }

    /** The primary will not synchronize this peer; the connection closes. */
    record Refused(String reason) implements SyncMessage {
    }

    /** One batch of the full synchronization of the replicated part {@code part}. */
    record FullSync(String part, List<JsonNode> items) implements SyncMessage {
        /** Missing items are none. */
        public FullSync {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * The end of the full synchronization: {@code counts} items were sent per part, and {@code sequence} is the number of
     * the primary's latest change.
     */
    record FullSyncDone(Map<String, Integer> counts, long sequence) implements SyncMessage {
        /** Missing counts are none. */
        public FullSyncDone {
            counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        }
    }

    /**
     * One change of the replicated part {@code part}, numbered {@code sequence} across all parts; {@code sentAt} is the
     * primary's clock in epoch milliseconds.
     */
    record Change(String part, long sequence, long sentAt, JsonNode change) implements SyncMessage {
    }

    /** Keeps an idle link alive; a peer silent for the heartbeat timeout is dropped. */
    record Heartbeat(long sentAt) implements SyncMessage {
    }
}
