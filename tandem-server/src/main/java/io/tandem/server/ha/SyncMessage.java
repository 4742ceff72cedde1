package io.tandem.server.ha;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The messages of the synchronization link, one JSON object per line with a {@code type} field.
 *
 * <p>Listening server to connecting one: {@code challenge}. Backup to primary: {@code backupReady}. Primary to
 * backup: {@code primaryHello}, {@code fullSync}
 * (in batches), {@code fullSyncDone}, then {@code control}, {@code released}, {@code call} and
 * {@code callEnded} as they happen, or
 * {@code refused}. Both ways: {@code heartbeat}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyncMessage.Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = SyncMessage.BackupReady.class, name = "backupReady"),
    @JsonSubTypes.Type(value = SyncMessage.PrimaryHello.class, name = "primaryHello"),
    @JsonSubTypes.Type(value = SyncMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = SyncMessage.FullSync.class, name = "fullSync"),
    @JsonSubTypes.Type(value = SyncMessage.FullSyncDone.class, name = "fullSyncDone"),
    @JsonSubTypes.Type(value = SyncMessage.Control.class, name = "control"),
    @JsonSubTypes.Type(value = SyncMessage.Released.class, name = "released"),
    @JsonSubTypes.Type(value = SyncMessage.Call.class, name = "call"),
    @JsonSubTypes.Type(value = SyncMessage.CallEnded.class, name = "callEnded"),
    @JsonSubTypes.Type(value = SyncMessage.Heartbeat.class, name = "heartbeat")
})
public sealed interface SyncMessage {

    /** The sync protocol version spoken by this build (2: authenticated by a shared secret). */
    int PROTOCOL = 2;

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

    /** One batch of the full synchronization: controlled terminals, live calls (either may be empty). */
    record FullSync(List<TerminalControl> terminals, List<LiveCall> calls) implements SyncMessage {
        /** Missing lists are empty. */
        public FullSync {
            terminals = terminals == null ? List.of() : terminals;
            calls = calls == null ? List.of() : calls;
        }
    }

    /** The end of the full synchronization; {@code count} terminals and {@code calls} live calls were sent. */
    record FullSyncDone(int count, long sequence, int calls) implements SyncMessage {
    }

    /** A terminal's control changed; {@code sentAt} is the primary's clock in epoch milliseconds. */
    record Control(TerminalControl terminal, long sequence, long sentAt) implements SyncMessage {
    }

    /** No client controls {@code dn} any more. */
    record Released(String dn, long sequence, long sentAt) implements SyncMessage {
    }

    /** A live call got its ConnID (it is new) or its UserData changed. */
    record Call(LiveCall call, long sentAt) implements SyncMessage {
    }

    /** A live call ended. */
    record CallEnded(long callId, long sentAt) implements SyncMessage {
    }

    /** Keeps an idle link alive; a peer silent for the heartbeat timeout is dropped. */
    record Heartbeat(long sentAt) implements SyncMessage {
    }
}
