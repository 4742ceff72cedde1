package io.tandem.client;

import io.tandem.protocol.Message;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One server of a {@link HotStandbyClient}: its connection while there is one, and what the
 * {@link EventMerger} knows about it. Fields other than {@link #client} are guarded by the merger.
 */
final class StandbyMember {

    final ClientOptions options;
    /** Connected, waiting for the server's EventLinkConnected before registering again. */
    final java.util.concurrent.atomic.AtomicBoolean awaitingLink = new java.util.concurrent.atomic.AtomicBoolean();
    /** The open connection, or null while there is none. */
    volatile TandemClient client;
    /** The connection is open, registered and its registrations replayed: requests may go to it. */
    boolean ready;
    /** The last role this server reported was primary. */
    boolean announcedPrimary;
    /** The server's name from EventServerConnected. */
    String serverName;
    /** The last service state this server reported for each DN. */
    final Map<String, DnServiceState> views = new HashMap<>();
    /** Events this server sent while no primary was known, in order. */
    final ArrayDeque<Message> held = new ArrayDeque<>();

    StandbyMember(ClientOptions options) {
        this.options = options;
    }

    /** Forgets everything about the last connection. */
    void reset() {
        client = null;
        ready = false;
        announcedPrimary = false;
        views.clear();
        held.clear();
    }

    @Override
    public String toString() {
        return serverName != null ? serverName + " (" + options.uri() + ")" : options.uri().toString();
    }
}
