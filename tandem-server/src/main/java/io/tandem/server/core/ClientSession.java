package io.tandem.server.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** One connected client application. Owned by the core thread (apart from {@link #channel()}). */
public final class ClientSession {

    private final java.util.concurrent.atomic.AtomicInteger framesWaiting = new java.util.concurrent.atomic.AtomicInteger();

    private final long id;
    private final ClientChannel channel;
    private final Set<String> registeredDns = new LinkedHashSet<>();
    private SessionState state = SessionState.CONNECTED;
    private String applicationName;
    private String clientIdentity;
    private volatile long eventsSent;
    private java.util.Set<io.tandem.protocol.MessageType> inputMask;

    /**
     * Sets the events this client wants (RequestSetInputMask); null for every event. Core thread. EventError and the
     * answers to its own requests always pass.
     */
    public void setInputMask(java.util.Set<io.tandem.protocol.MessageType> mask) {
        this.inputMask = mask == null ? null : java.util.Set.copyOf(mask);
    }

    /** Whether this client wants events of {@code type} that are not answers to its requests. Core thread. */
    public boolean wants(io.tandem.protocol.MessageType type) {
        return inputMask == null || type == io.tandem.protocol.MessageType.EVENT_ERROR || inputMask.contains(type);
    }

    /** A new session on {@code channel}. */
    public ClientSession(long id, ClientChannel channel) {
        this.id = id;
        this.channel = channel;
    }

    /** How many events were sent to this client (read by any thread). */
    public long eventsSent() {
        return eventsSent;
    }

    /** One more event was sent. Core thread. */
    void countSent() {
        eventsSent++;
    }

    /** The server-assigned session number. */
    public long id() {
        return id;
    }

    /** The connection. */
    public ClientChannel channel() {
        return channel;
    }

    /** The life-cycle state. */
    public SessionState state() {
        return state;
    }

    /** Marks the client registered as {@code applicationName}. */
    public void register(String applicationName, String clientIdentity) {
        this.applicationName = applicationName;
        this.clientIdentity = clientIdentity;
        this.state = SessionState.REGISTERED;
    }

    /** Marks the session closed. */
    public void close() {
        this.state = SessionState.CLOSED;
    }

    /** The ApplicationName it registered with, or null. */
    public String applicationName() {
        return applicationName;
    }

    /** The stable identity the client gave, or its ApplicationName. */
    public String clientIdentity() {
        return clientIdentity != null ? clientIdentity : applicationName;
    }

    /** The DNs it has registered, in registration order. */
    public Set<String> registeredDns() {
        return Collections.unmodifiableSet(registeredDns);
    }

    boolean addDn(String dn) {
        return registeredDns.add(dn);
    }

    boolean removeDn(String dn) {
        return registeredDns.remove(dn);
    }

    /** One more of this client's frames waits for the core; returns how many wait now. Any thread. */
    public int frameQueued() {
        return framesWaiting.incrementAndGet();
    }

    /** The core took one of this client's frames; returns how many still wait. Any thread. */
    public int frameTaken() {
        return framesWaiting.decrementAndGet();
    }

    @Override
    public String toString() {
        return "client#" + id + (applicationName == null ? "" : "(" + applicationName + ")") + "@" + channel.remoteAddress();
    }
}
