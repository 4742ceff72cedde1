package io.tandem.server.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which client is registered on which DN, kept consistent in both directions. Core thread only. */
public final class Registrations {

    private final Map<String, Set<ClientSession>> byDn = new HashMap<>();
    /** The clients registered for every DN of a kind (RequestRegisterAll), with which DNs that covers. */
    private final Map<ClientSession, java.util.function.Predicate<String>> everything = new java.util.LinkedHashMap<>();
    private final List<java.util.function.BiConsumer<ClientSession, String>> unregisteredListeners = new ArrayList<>();

    /** Tells {@code listener} about every registration undone (by RequestUnregisterAddress or a disconnect), after it is undone. */
    public void onUnregistered(java.util.function.BiConsumer<ClientSession, String> listener) {
        unregisteredListeners.add(listener);
    }

    private final List<java.util.function.BiConsumer<ClientSession, String>> registeredListeners = new ArrayList<>();

    /** Tells {@code listener} about every new registration, after it is made. */
    public void onRegistered(java.util.function.BiConsumer<ClientSession, String> listener) {
        registeredListeners.add(listener);
    }

    /** Registers {@code session} on {@code dn}; false if it already was. */
    public boolean register(ClientSession session, String dn) {
        byDn.computeIfAbsent(dn, k -> new LinkedHashSet<>()).add(session);
        boolean added = session.addDn(dn);
        if (added) {
            registeredListeners.forEach(l -> l.accept(session, dn));
        }
        return added;
    }

    /** Unregisters {@code session} from {@code dn}; false if it was not registered. */
    public boolean unregister(ClientSession session, String dn) {
        Set<ClientSession> sessions = byDn.get(dn);
        if (sessions != null) {
            sessions.remove(session);
            if (sessions.isEmpty()) {
                byDn.remove(dn);
            }
        }
        boolean was = session.removeDn(dn);
        if (was) {
            unregisteredListeners.forEach(l -> l.accept(session, dn));
        }
        return was;
    }

    /** Whether {@code session} is registered on {@code dn}. */
    public boolean isRegistered(ClientSession session, String dn) {
        return session.registeredDns().contains(dn);
    }

    /** The sessions registered on {@code dn}, in registration order. */
    public Collection<ClientSession> registrants(String dn) {
        Set<ClientSession> sessions = byDn.get(dn);
        return sessions == null ? List.of() : Collections.unmodifiableSet(sessions);
    }

    /**
     * Registers {@code session} for the events of every DN {@code dns} accepts (RequestRegisterAll): it receives them as
     * a registrant does, but is no registrant: it controls nothing and needs RequestRegisterAddress to send requests.
     */
    public void registerAll(ClientSession session, java.util.function.Predicate<String> dns) {
        everything.put(session, dns);
    }

    /** Ends {@code session}'s RequestRegisterAll; false if it had none. */
    public boolean cancelRegisterAll(ClientSession session) {
        return everything.remove(session) != null;
    }

    /** Whether {@code session} has a RequestRegisterAll in force. */
    public boolean registeredForAll(ClientSession session) {
        return everything.containsKey(session);
    }

    /** Who receives the events of {@code dn}: its registrants, then the register-all clients whose kind it is. */
    public Collection<ClientSession> receivers(String dn) {
        Collection<ClientSession> registered = registrants(dn);
        if (everything.isEmpty()) {
            return registered;
        }
        Set<ClientSession> all = new LinkedHashSet<>(registered);
        everything.forEach((session, dns) -> {
            if (dns.test(dn)) {
                all.add(session);
            }
        });
        return all;
    }

    /** Unregisters {@code session} from everything, its RequestRegisterAll included; returns the DNs it was registered on. */
    public List<String> unregisterAll(ClientSession session) {
        everything.remove(session);
        List<String> dns = new ArrayList<>(session.registeredDns());
        dns.forEach(dn -> unregister(session, dn));
        return dns;
    }
}
