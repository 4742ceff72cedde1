package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the event streams of the servers of a pair into the one stream the application sees. The one
 * owner of which server is primary (as the servers report it) and of what the application has been told.
 *
 * <ul>
 *   <li>Events from the primary are passed on, except answers to the library's own requests.</li>
 *   <li>Service events (EventDNOutOfService, EventDNBackInService) are passed on only when they change
 *       what the application was last told about the DN. While no primary is known, out-of-service events
 *       are passed on from any server (both report the switch clearing a destination); back-in-service
 *       events wait (a destination set again comes from the next primary, which announces itself first).
 *       Otherwise only the primary's are passed on.</li>
 *   <li>When a server becomes primary, the application first gets each registered DN's state as that server
 *       last reported it, where it differs from what the application was told (the backup saw the
 *       switch clear the remote destinations before the old primary's connection was seen to close); then
 *       the other events that server sent while no primary was known; then EventPrimaryChanged (made up by
 *       the library when the primary changed while it was reconnecting and no server announced it).</li>
 *   <li>Events from a backup are otherwise not passed on: the primary sends the same.</li>
 * </ul>
 */
final class EventMerger {

    private static final Logger LOG = LoggerFactory.getLogger(EventMerger.class);
    static final int MAX_HELD = 10_000;

    private final List<EventListener> listeners;
    private final List<StandbyMember> members;
    private final Supplier<Set<String>> registeredDns;
    private final Map<String, DnServiceState> told = new HashMap<>();
    private StandbyMember primary;
    private String lastPrimaryName;
    private CompletableFuture<StandbyMember> primaryKnown = new CompletableFuture<>();

    EventMerger(List<EventListener> listeners, List<StandbyMember> members, Supplier<Set<String>> registeredDns) {
        this.listeners = listeners;
        this.members = members;
        this.registeredDns = registeredDns;
    }

    /** Completes with the primary once one is known (at once when one is). */
    synchronized CompletableFuture<StandbyMember> primary() {
        return primaryKnown;
    }

    /** The primary's server name, if one is known. */
    synchronized Optional<String> primaryName() {
        return Optional.ofNullable(primary).map(m -> m.serverName);
    }

    /** How many servers are connected with the registrations replayed. */
    synchronized int readyCount() {
        return (int) members.stream().filter(m -> m.ready).count();
    }

    /** The application unregistered {@code dn}: what it was told about it no longer counts. */
    synchronized void forget(String dn) {
        told.remove(dn);
    }

    /** {@code member}'s connection is open and its registrations replayed: it may be the primary now. */
    synchronized void ready(StandbyMember member) {
        member.ready = true;
        if (member.announcedPrimary && primary != member) {
            becomePrimary(member, null);
        }
    }

    /** {@code member}'s connection closed. */
    synchronized void closed(StandbyMember member) {
        if (primary == member) {
            LOG.info("lost the primary {}", member);
            primary = null;
            primaryKnown = new CompletableFuture<>();
        }
        member.reset();
    }

    /** An event from {@code member}; {@code internal} when it answers a request the library sent itself. */
    synchronized void event(StandbyMember member, Message event, boolean internal) {
        MessageType type = event.type();
        if (type == MessageType.EVENT_SERVER_CONNECTED) {
            member.serverName = event.string(Attribute.SERVER).orElse(null);
            roleReported(member, event.string(Attribute.SERVER_ROLE).orElse(""), null);
        } else if (type == MessageType.EVENT_PRIMARY_CHANGED) {
            roleReported(member, event.string(Attribute.SERVER_ROLE).orElse(""), event);
        } else if (DnServiceState.isServiceEvent(event)) {
            serviceEvent(member, event);
        } else if (type == MessageType.EVENT_REGISTERED) {
            registered(member, event, internal);
        } else if (!internal) {
            other(member, event);
        }
    }

    private void roleReported(StandbyMember member, String role, Message event) {
        if ("primary".equals(role)) {
            member.announcedPrimary = true;
            if (member.ready && primary != member) {
                becomePrimary(member, event);
            }
        } else {
            member.announcedPrimary = false;
            if (primary == member) {
                LOG.info("{} is no longer the primary", member);
                primary = null;
                primaryKnown = new CompletableFuture<>();
            }
        }
    }

    private void serviceEvent(StandbyMember member, Message event) {
        DnServiceState state = DnServiceState.of(event);
        member.views.put(event.thisDn(), state);
        boolean passOn = primary == member || primary == null && !state.inService();
        if (passOn && !state.equals(told.get(event.thisDn()))) {
            told.put(event.thisDn(), state);
            deliver(event);
        }
    }

    private void registered(StandbyMember member, Message event, boolean internal) {
        DnServiceState state = DnServiceState.ofSnapshot(event);
        if (state != null) {
            member.views.put(event.thisDn(), state);
        }
        if (!internal && primary == member) {
            if (state != null) {
                told.put(event.thisDn(), state);
            }
            deliver(event);
        }
    }

    private void other(StandbyMember member, Message event) {
        if (primary == member) {
            deliver(event);
        } else if (primary == null) {
            if (member.held.size() == MAX_HELD) {
                member.held.removeFirst();
                LOG.warn("no primary known: more than {} events held from {}, dropping the oldest", MAX_HELD, member);
            }
            member.held.addLast(event);
        }
    }

    private void becomePrimary(StandbyMember member, Message announcement) {
        LOG.info("{} is the primary", member);
        primary = member;
        for (String dn : registeredDns.get()) {
            DnServiceState seen = member.views.get(dn);
            if (seen != null && !seen.equals(told.get(dn))) {
                told.put(dn, seen);
                deliver(seen.toEvent(dn));
            }
        }
        member.held.forEach(this::deliver);
        members.forEach(m -> m.held.clear());
        if (announcement != null) {
            deliver(announcement);
        } else if (lastPrimaryName != null && !lastPrimaryName.equals(member.serverName)) {
            deliver(Message.builder(MessageType.EVENT_PRIMARY_CHANGED)
                    .put(Attribute.SERVER, member.serverName)
                    .put(Attribute.SERVER_ROLE, "primary")
                    .build());
        }
        lastPrimaryName = member.serverName;
        CompletableFuture<StandbyMember> waiting = primaryKnown;
        if (waiting.isDone()) {
            primaryKnown = CompletableFuture.completedFuture(member);
        } else {
            waiting.complete(member);
        }
    }

    private void deliver(Message event) {
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.name(), e);
            }
        }
    }
}
