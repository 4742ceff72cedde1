package io.tandem.client;

import io.netty.channel.EventLoopGroup;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a primary/backup pair of Tandem servers in hot standby: it stays connected to every server of
 * the list, registers the same DNs (with the same Extensions) on each, sends requests to the current
 * primary, follows role changes, reconnects to a server that went away and registers everything there
 * again, and gives the application one stream of events.
 *
 * <p>Across a switchover the application sees, for each remote terminal that was extended,
 * EventDNOutOfService then EventDNBackInService with REMOTE_DEST and REMOTE_NAME, and one
 * EventPrimaryChanged; nothing else of the switchover reaches it. Every server must know the client by the
 * same identity ({@link ClientOptions#clientIdentity()}), which is how the new primary gives it back control
 * of its terminals.
 *
 * <p>A request goes to the primary; while no primary is known (between the loss of one and the
 * announcement of the next) it waits, up to the request timeout. A request in flight when the primary's
 * connection closes fails; the library does not send it again, because it cannot know whether it was
 * carried out.
 */
public final class HotStandbyClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotStandbyClient.class);

    private final List<StandbyMember> members = new ArrayList<>();
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, KeyValueList> registrations = new LinkedHashMap<>();
    private final EventMerger merger;
    private final Duration reconnectDelay;
    private final Duration requestTimeout;
    private final EventLoopGroup sharedGroup;
    private final ScheduledExecutorService reconnector;
    private volatile boolean closed;

    private HotStandbyClient(List<ClientOptions> servers, Duration reconnectDelay, EventLoopGroup sharedGroup) {
        servers.forEach(options -> members.add(new StandbyMember(options)));
        this.merger = new EventMerger(listeners, members, this::registeredDns);
        this.reconnectDelay = reconnectDelay;
        this.requestTimeout = servers.get(0).requestTimeout();
        this.sharedGroup = sharedGroup;
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-standby-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to each of {@code servers} (the same application, password and identity on each; reconnecting
     * every 500 ms to those that cannot be reached) and returns once one is connected and a primary is
     * known, or the request timeout has passed without one.
     *
     * @throws IllegalStateException if no server could be reached
     */
    public static HotStandbyClient connect(List<ClientOptions> servers) {
        return connect(servers, Duration.ofMillis(500), null);
    }

    /** As {@link #connect(List)}, with the reconnect delay and a Netty event loop group the caller owns (or null). */
    public static HotStandbyClient connect(List<ClientOptions> servers, Duration reconnectDelay, EventLoopGroup sharedGroup) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server is needed");
        }
        HotStandbyClient client = new HotStandbyClient(servers, reconnectDelay, sharedGroup);
        List<String> problems = new ArrayList<>();
        for (StandbyMember member : client.members) {
            String problem = client.open(member);
            if (problem != null) {
                problems.add(problem);
                client.reconnectLater(member);
            }
        }
        if (problems.size() == servers.size()) {
            client.close();
            throw new IllegalStateException("no server of " + servers.stream().map(o -> o.uri().toString()).toList()
                    + " could be reached: " + problems);
        }
        try {
            client.merger.primary().get(client.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("connected, but no server reports itself primary yet; requests wait for one");
        } catch (Exception e) {
            throw new IllegalStateException("interrupted while waiting for the primary", e);
        }
        return client;
    }

    /**
     * Opens {@code member}'s connection; once the server reports its switch link up, registers everything
     * there again and lets it be primary. Returns the problem, or null.
     */
    private String open(StandbyMember member) {
        TandemClient.Observer observer = new TandemClient.Observer() {
            @Override
            public void event(Message event, boolean internal) {
                merger.event(member, event, internal);
                if (event.type() == MessageType.EVENT_LINK_CONNECTED && member.awaitingLink.compareAndSet(true, false)) {
                    reconnector.execute(() -> registerAgain(member));
                }
            }

            @Override
            public void closed(String reason) {
                member.awaitingLink.set(false);
                merger.closed(member);
                if (!HotStandbyClient.this.closed) {
                    LOG.info("connection to {} closed ({}); reconnecting", member, reason);
                    reconnectLater(member);
                }
            }
        };
        TandemClient client;
        try {
            client = TandemClient.connect(member.options, sharedGroup, observer);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        member.client = client;
        if (closed) {
            client.close();
            return "closed";
        }
        member.awaitingLink.set(true);
        if (client.isLinkConnected() && member.awaitingLink.compareAndSet(true, false)) {
            registerAgain(member);
        }
        return null;
    }

    /** Registers every DN again on {@code member} (its switch link is up), then lets it be primary. */
    private void registerAgain(StandbyMember member) {
        TandemClient client = member.client;
        if (client == null || closed) {
            return;
        }
        replayRegistrations(client);
        if (member.client == client) {
            merger.ready(member);
        }
    }

    private void replayRegistrations(TandemClient client) {
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        registrations().forEach((dn, extensions) -> answers.add(client.request(registerRequest(dn, extensions), true)));
        answers.forEach(answer -> answer.exceptionally(error -> {
            LOG.info("registering again after reconnecting: {}", error.getMessage());
            return null;
        }).join());
    }

    private void reconnectLater(StandbyMember member) {
        if (closed) {
            return;
        }
        reconnector.schedule(() -> {
            if (!closed && member.client == null && open(member) != null) {
                reconnectLater(member);
            }
        }, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds a listener for the merged events. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** The name of the server that is primary now, as the servers report it. */
    public Optional<String> primaryServer() {
        return merger.primaryName();
    }

    /** How many servers of the list this client is connected to now, with its registrations in place there. */
    public int connectedServers() {
        return merger.readyCount();
    }

    /**
     * Sends {@code request} to the primary (waiting for one to be known, up to the request timeout).
     *
     * @return completes with the answering event, or fails with {@link RequestFailedException}
     */
    public CompletableFuture<Message> request(Message request) {
        return toPrimary().thenCompose(client -> client.request(request));
    }

    /** RequestRegisterAddress on {@code dn}. */
    public CompletableFuture<Message> registerAddress(String dn) {
        return registerAddress(dn, KeyValueList.EMPTY);
    }

    /**
     * RequestRegisterAddress on {@code dn} with {@code extensions} (for example REMOTE_DEST and REMOTE_NAME):
     * first on the primary; once that succeeded, on every other connected server too, and again on any
     * server this client reconnects to. Completes with the primary's answer once every server has answered
     * (a backup's refusal is logged, not reported: the primary's answer is the one that counts), so that
     * when it completes the registration would survive a switchover.
     */
    public CompletableFuture<Message> registerAddress(String dn, KeyValueList extensions) {
        Message request = registerRequest(dn, extensions);
        return toPrimary().thenCompose(primary -> primary.request(request).thenCompose(answer -> {
            synchronized (registrations) {
                registrations.put(dn, extensions);
            }
            return onOthers(primary, request).thenApply(done -> answer);
        }));
    }

    /** RequestUnregisterAddress on {@code dn}: on the primary, then on every other server. */
    public CompletableFuture<Message> unregisterAddress(String dn) {
        Message request = Message.builder(MessageType.REQUEST_UNREGISTER_ADDRESS).put(Attribute.THIS_DN, dn).build();
        return toPrimary().thenCompose(primary -> primary.request(request).thenCompose(answer -> {
            synchronized (registrations) {
                registrations.remove(dn);
            }
            merger.forget(dn);
            return onOthers(primary, request).thenApply(done -> answer);
        }));
    }

    /** Sends {@code request} to every connected server but {@code primary}; completes when each has answered. */
    private CompletableFuture<Void> onOthers(TandemClient primary, Message request) {
        List<CompletableFuture<Message>> answers = new ArrayList<>();
        for (TandemClient other : others(primary)) {
            answers.add(other.request(request, true).exceptionally(error -> {
                LOG.info("{} on a backup: {}", request.name(), error.getMessage());
                return null;
            }));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    private static Message registerRequest(String dn, KeyValueList extensions) {
        Message.Builder request = Message.builder(MessageType.REQUEST_REGISTER_ADDRESS).put(Attribute.THIS_DN, dn);
        if (!extensions.isEmpty()) {
            request.put(Attribute.EXTENSIONS, extensions);
        }
        return request.build();
    }

    private CompletableFuture<TandemClient> toPrimary() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        return merger.primary().copy().orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((member, error) -> {
                    TandemClient client = member == null ? null : member.client;
                    if (client == null) {
                        throw new IllegalStateException("no primary server available within " + requestTimeout.toMillis() + " ms");
                    }
                    return client;
                });
    }

    private List<TandemClient> others(TandemClient primary) {
        List<TandemClient> others = new ArrayList<>();
        for (StandbyMember member : members) {
            TandemClient client = member.client;
            if (client != null && client != primary) {
                others.add(client);
            }
        }
        return others;
    }

    private Map<String, KeyValueList> registrations() {
        synchronized (registrations) {
            return new LinkedHashMap<>(registrations);
        }
    }

    private Set<String> registeredDns() {
        synchronized (registrations) {
            return new LinkedHashSet<>(registrations.keySet());
        }
    }

    /** Closes every connection; the servers undo this client's registrations. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reconnector.shutdownNow();
        for (StandbyMember member : members) {
            TandemClient client = member.client;
            if (client != null) {
                client.close();
            }
        }
        listeners.forEach(l -> l.onDisconnected("closed by the application"));
    }
}
