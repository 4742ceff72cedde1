package io.tandem.server.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All connected client sessions. Core thread only. */
public final class SessionTable {

    private final Map<Long, ClientSession> sessions = new LinkedHashMap<>();

    /** Adds a new session. */
    public void add(ClientSession session) {
        sessions.put(session.id(), session);
    }

    /** Removes a session. */
    public void remove(ClientSession session) {
        sessions.remove(session.id());
    }

    /** Every session. */
    public Collection<ClientSession> all() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /** The sessions that have completed RequestRegisterClient. */
    public List<ClientSession> registered() {
        return sessions.values().stream().filter(s -> s.state() == SessionState.REGISTERED).toList();
    }
}
