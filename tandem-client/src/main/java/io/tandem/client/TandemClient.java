package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.protocol.codec.MessageEncoder;
import io.tandem.protocol.codec.ProtocolLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a Tandem CTI server. Requests get a ReferenceID automatically; the future a request
 * returns completes with the first event carrying that ReferenceID, or fails with
 * {@link RequestFailedException} when that event is EventError. Every event also goes to the listeners.
 */
public final class TandemClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TandemClient.class);
    private static final String PONG = new MessageEncoder().encodeToString(Message.builder(MessageType.PONG).build());

    private final ClientOptions options;
    private final MessageEncoder encoder = new MessageEncoder();
    private final MessageDecoder decoder = new MessageDecoder(new ProtocolLimits(16 * 1024 * 1024, 16, 16 * 1024 * 1024));
    private final AtomicLong nextReference = new AtomicLong();
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ClientTransport transport;
    private volatile boolean linkConnected;
    private volatile boolean connected;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final io.netty.channel.EventLoopGroup sharedGroup;
    private final Set<Long> internalReferences = ConcurrentHashMap.newKeySet();
    private volatile Observer observer;

    /**
     * What {@link HotStandbyClient} sees of one of its connections: every event, marked when it answers a
     * request the library sent on its own behalf, and the close.
     */
    interface Observer {
        void event(Message event, boolean internal);

        void closed(String reason);
    }

    private TandemClient(ClientOptions options, io.netty.channel.EventLoopGroup sharedGroup) {
        this.options = options;
        this.sharedGroup = sharedGroup;
    }

    /**
     * Connects and registers the client (RequestRegisterClient); returns once EventServerConnected arrived.
     *
     * @throws RequestFailedException if the server refuses the client
     */
    public static TandemClient connect(ClientOptions options) {
        return connect(options, null);
    }

    /**
     * As {@link #connect(ClientOptions)}, with the TCP connection on {@code sharedGroup} (a Netty event loop
     * group the caller owns and shuts down), so that many clients in one process share a few threads.
     */
    public static TandemClient connect(ClientOptions options, io.netty.channel.EventLoopGroup sharedGroup) {
        return connect(options, sharedGroup, null);
    }

    /** As {@link #connect(ClientOptions, io.netty.channel.EventLoopGroup)}, with {@code observer} seeing every event from the start. */
    static TandemClient connect(ClientOptions options, io.netty.channel.EventLoopGroup sharedGroup, Observer observer) {
        TandemClient client = new TandemClient(options, sharedGroup);
        client.observer = observer;
        client.open();
        try {
            client.request(Message.builder(MessageType.REQUEST_REGISTER_CLIENT)
                    .put(Attribute.APPLICATION_NAME, options.applicationName())
                    .putIfPresent(Attribute.PASSWORD, options.password())
                    .putIfPresent(Attribute.CLIENT_IDENTITY, options.clientIdentity())
                    .putIfPresent(Attribute.EXTENSIONS, options.keepAliveExtensions())
                    .build(), true).join();
        } catch (RuntimeException e) {
            client.close();
            throw e.getCause() instanceof RequestFailedException rf ? rf : e;
        }
        return client;
    }

    /** Connects without registering the client (tests of the session rules). */
    public static TandemClient connectUnregistered(ClientOptions options) {
        TandemClient client = new TandemClient(options, null);
        client.open();
        return client;
    }

    private void open() {
        ClientTransport.Sink sink = new ClientTransport.Sink() {
            @Override
            public void frame(byte[] json) {
                received(json);
            }

            @Override
            public void closed(String reason) {
                disconnected(reason);
            }
        };
        try {
            boolean webSocket = options.uri().getScheme().startsWith("ws");
            transport = webSocket
                    ? WebSocketTransport.connect(options.uri(), sink, options.usesTls() ? ClientTls.jdk(options.trustedCertificates()) : null)
                    : TcpTransport.connect(options.uri().getHost(), options.uri().getPort(), sink, sharedGroup,
                            options.usesTls() ? ClientTls.netty(options.trustedCertificates()) : null,
                            options.keepAliveInterval(), options.keepAliveTimeout());
            connected = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + options.uri(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + options.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Adds a listener for every event. */
    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Whether the server reported its switch link up (EventLinkConnected) and not down since. */
    public boolean isLinkConnected() {
        return linkConnected;
    }

    /** Whether the connection is open. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Sends {@code request} with a new ReferenceID.
     *
     * @return completes with the answering event, or fails with {@link RequestFailedException} (EventError),
     *     or with a timeout after {@link ClientOptions#requestTimeout()}
     */
    public CompletableFuture<Message> request(Message request) {
        return request(request, false);
    }

    /**
     * Sends {@code request}; when {@code internal}, the events carrying its ReferenceID are marked for the
     * {@link Observer} as answers to the library's own request (the application did not ask).
     */
    CompletableFuture<Message> request(Message request, boolean internal) {
        long reference = nextReference.incrementAndGet();
        CompletableFuture<Message> future = new CompletableFuture<>();
        pending.put(reference, future);
        if (internal) {
            internalReferences.add(reference);
        }
        future.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((event, error) -> {
                    pending.remove(reference);
                    internalReferences.remove(reference);
                });
        if (!connected) {
            future.completeExceptionally(new IllegalStateException("not connected"));
            return future;
        }
        send(request.with(Attribute.REFERENCE_ID, reference));
        return future;
    }

    /** RequestRegisterAddress on {@code dn}. */
    public CompletableFuture<Message> registerAddress(String dn) {
        return registerAddress(dn, KeyValueList.EMPTY);
    }

    /** RequestRegisterAddress on {@code dn} with Extensions (for example REMOTE_DEST and REMOTE_NAME). */
    public CompletableFuture<Message> registerAddress(String dn, KeyValueList extensions) {
        Message.Builder request = Message.builder(MessageType.REQUEST_REGISTER_ADDRESS).put(Attribute.THIS_DN, dn);
        if (!extensions.isEmpty()) {
            request.put(Attribute.EXTENSIONS, extensions);
        }
        return request(request.build());
    }

    /** RequestUnregisterAddress on {@code dn}. */
    public CompletableFuture<Message> unregisterAddress(String dn) {
        return request(Message.builder(MessageType.REQUEST_UNREGISTER_ADDRESS).put(Attribute.THIS_DN, dn).build());
    }

    /** RequestAgentLogin of agent {@code agentId} on {@code dn}; completes with EventAgentLogin (EventAgentNotReady follows). */
    public CompletableFuture<Message> agentLogin(String dn, String agentId) {
        return agentLogin(dn, agentId, null);
    }

    /** RequestAgentLogin with a password (servers with {@code agent-strict-id: password}). */
    public CompletableFuture<Message> agentLogin(String dn, String agentId, String password) {
        return request(Message.builder(MessageType.REQUEST_AGENT_LOGIN).put(Attribute.THIS_DN, dn).put(Attribute.AGENT_ID, agentId)
                .putIfPresent(Attribute.PASSWORD, password).build());
    }

    /** RequestAgentReady on {@code dn} (work mode ManualIn); completes with EventAgentReady. */
    public CompletableFuture<Message> agentReady(String dn) {
        return request(Message.builder(MessageType.REQUEST_AGENT_READY).put(Attribute.THIS_DN, dn).build());
    }

    /** RequestAgentNotReady on {@code dn} (work mode AuxWork) with {@code reasonCode} unless null; completes with EventAgentNotReady. */
    public CompletableFuture<Message> agentNotReady(String dn, String reasonCode) {
        Message.Builder request = Message.builder(MessageType.REQUEST_AGENT_NOT_READY).put(Attribute.THIS_DN, dn);
        if (reasonCode != null) {
            request.put(Attribute.REASONS, KeyValueList.ofStrings("ReasonCode", reasonCode));
        }
        return request(request.build());
    }

    /** RequestAgentLogout on {@code dn}; completes with EventAgentLogout. */
    public CompletableFuture<Message> agentLogout(String dn) {
        return request(Message.builder(MessageType.REQUEST_AGENT_LOGOUT).put(Attribute.THIS_DN, dn).build());
    }

    /** RequestDistributeUserEvent: {@code data} to every client registered on {@code dn}; completes with the requester's EventUserEvent. */
    public CompletableFuture<Message> distributeUserEvent(String dn, KeyValueList data) {
        return request(Message.builder(MessageType.REQUEST_DISTRIBUTE_USER_EVENT).put(Attribute.THIS_DN, dn).put(Attribute.USER_DATA, data).build());
    }

    /** RequestSetDNDOn / RequestSetDNDOff: Do Not Disturb on the device of {@code dn}; answered with EventDNDOn / EventDNDOff. */
    public CompletableFuture<Message> setDnd(String dn, boolean on) {
        return request(Message.builder(on ? MessageType.REQUEST_SET_DND_ON : MessageType.REQUEST_SET_DND_OFF).put(Attribute.THIS_DN, dn).build());
    }

    /**
     * RequestCallForwardSet (ForwardMode Unconditional, the only one CUCM offers through CTI): calls to {@code dn} go to
     * {@code destination}; answered with EventForwardSet.
     */
    public CompletableFuture<Message> forwardAll(String dn, String destination) {
        return request(Message.builder(MessageType.REQUEST_CALL_FORWARD_SET).put(Attribute.THIS_DN, dn).put(Attribute.OTHER_DN, destination)
                .put(Attribute.FORWARD_MODE, "Unconditional").build());
    }

    /** RequestCallForwardCancel: calls to {@code dn} ring it again; answered with EventForwardCancel. */
    public CompletableFuture<Message> cancelForward(String dn) {
        return request(Message.builder(MessageType.REQUEST_CALL_FORWARD_CANCEL).put(Attribute.THIS_DN, dn).build());
    }

    /**
     * RequestPrivateService recording {@code dn}'s party of call {@code connId}: {@code action} is {@code start},
     * {@code stop}, {@code pause} or {@code resume} (PrivateMsgID GSIP_RECORD_START...); answered with EventACK, then
     * EventPrivateInfo.
     */
    public CompletableFuture<Message> record(String dn, String connId, String action) {
        return request(Message.builder(MessageType.REQUEST_PRIVATE_SERVICE).put(Attribute.THIS_DN, dn).put(Attribute.CONN_ID, connId)
                .put(Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_" + action.toUpperCase(java.util.Locale.ROOT)).build());
    }

    /**
     * RequestMonitorNextCall: supervisor {@code supervisorDn} monitors agent {@code agentDn}'s call (now or the next one)
     * in {@code mode} ({@code mute}, {@code coach} or {@code connect}); with {@code everyCall} every call of the agent until
     * cancelled. Answered with EventMonitoringNextCall.
     */
    public CompletableFuture<Message> monitor(String supervisorDn, String agentDn, String mode, boolean everyCall) {
        return request(Message.builder(MessageType.REQUEST_MONITOR_NEXT_CALL).put(Attribute.THIS_DN, supervisorDn)
                .put(Attribute.OTHER_DN, agentDn).put(Attribute.EXTENSIONS, KeyValueList.ofStrings("MonitorMode", mode,
                        "MonitorScope", everyCall ? "agent" : "call")).build());
    }

    /** RequestCancelMonitoring: answered with EventMonitoringCancelled. */
    public CompletableFuture<Message> cancelMonitoring(String supervisorDn, String agentDn) {
        return request(Message.builder(MessageType.REQUEST_CANCEL_MONITORING).put(Attribute.THIS_DN, supervisorDn)
                .put(Attribute.OTHER_DN, agentDn).build());
    }

    /** RequestSetMuteOff ({@code coach} true: whisper to the agent) or RequestSetMuteOn (silent again) on the supervisor's DN. */
    public CompletableFuture<Message> coach(String supervisorDn, boolean coach) {
        return request(Message.builder(coach ? MessageType.REQUEST_SET_MUTE_OFF : MessageType.REQUEST_SET_MUTE_ON)
                .put(Attribute.THIS_DN, supervisorDn).build());
    }

    /** RequestRouteCall: the call {@code connId} waiting at route point {@code routePoint} goes to {@code destination}. */
    public CompletableFuture<Message> routeCall(String routePoint, String connId, String destination) {
        return request(Message.builder(MessageType.REQUEST_ROUTE_CALL).put(Attribute.THIS_DN, routePoint).put(Attribute.CONN_ID, connId)
                .put(Attribute.OTHER_DN, destination).build());
    }

    /** RequestRouteCall with RouteType Reject: the caller of {@code connId} at {@code routePoint} gets busy. */
    public CompletableFuture<Message> rejectRoute(String routePoint, String connId) {
        return request(Message.builder(MessageType.REQUEST_ROUTE_CALL).put(Attribute.THIS_DN, routePoint).put(Attribute.CONN_ID, connId)
                .put(Attribute.ROUTE_TYPE, "Reject").build());
    }

    /** RequestRedirectCall: the call {@code connId} ringing at {@code dn} goes to {@code destination} unanswered. */
    public CompletableFuture<Message> redirectCall(String dn, String connId, String destination) {
        return request(onCall(MessageType.REQUEST_REDIRECT_CALL, dn, connId).put(Attribute.OTHER_DN, destination).build());
    }

    /** RequestClearCall: every party of call {@code connId} is released. */
    public CompletableFuture<Message> clearCall(String dn, String connId) {
        return request(onCall(MessageType.REQUEST_CLEAR_CALL, dn, connId).build());
    }

    /** RequestMuteTransfer: call {@code connId} is transferred to {@code destination} without waiting for it to answer. */
    public CompletableFuture<Message> muteTransfer(String dn, String connId, String destination) {
        return request(onCall(MessageType.REQUEST_MUTE_TRANSFER, dn, connId).put(Attribute.OTHER_DN, destination).build());
    }

    /** RequestDeleteFromConference: {@code party} leaves the conference {@code connId}. */
    public CompletableFuture<Message> deleteFromConference(String dn, String connId, String party) {
        return request(onCall(MessageType.REQUEST_DELETE_FROM_CONFERENCE, dn, connId).put(Attribute.OTHER_DN, party).build());
    }

    /** RequestDeletePair: removes {@code key} from the UserData of call {@code connId}. */
    public CompletableFuture<Message> deletePair(String dn, String connId, String key) {
        return request(onCall(MessageType.REQUEST_DELETE_PAIR, dn, connId).put(Attribute.KEY, key).build());
    }

    private static Message.Builder onCall(MessageType type, String dn, String connId) {
        return Message.builder(type).put(Attribute.THIS_DN, dn).put(Attribute.CONN_ID, connId);
    }

    /** RequestRegisterAll for the DNs of {@code addressType} (null: every DN); completes with EventRegisteredAll. */
    public CompletableFuture<Message> registerAll(String addressType) {
        return request(Message.builder(MessageType.REQUEST_REGISTER_ALL).putIfPresent(Attribute.ADDRESS_TYPE, addressType).build());
    }

    /** RequestQueryServer; completes with EventServerInfo (its Extensions.CAPABILITIES lists the requests the server answers). */
    public CompletableFuture<Message> queryServer() {
        return request(Message.builder(MessageType.REQUEST_QUERY_SERVER).build());
    }

    /** Sends a message as it is, without a new ReferenceID. */
    public void send(Message message) {
        transport.send(encoder.encodeToString(message));
    }

    /** Sends text as one message (TCP: one line; WebSocket: one frame), for tests of malformed input. */
    public void sendRaw(String text) {
        transport.send(text);
    }

    /** Sends bytes exactly as given on a TCP connection (no line end added), for tests of malformed input. */
    public void sendRawBytes(byte[] bytes) {
        if (!(transport instanceof TcpTransport tcp)) {
            throw new UnsupportedOperationException("raw bytes need a TCP connection");
        }
        tcp.sendBytes(bytes);
    }

    private void received(byte[] json) {
        DecodeResult result = decoder.decode(json);
        if (!(result instanceof DecodeResult.Decoded decoded)) {
            LOG.warn("undecodable event from {}: {} ({})", options.uri(), ((DecodeResult.Malformed) result).problem(),
                    new String(json, StandardCharsets.UTF_8));
            return;
        }
        Message event = decoded.message();
        if (event.type() == MessageType.PING) {
            transport.send(PONG);
            return;
        }
        if (event.type() == MessageType.PONG) {
            return;
        }
        if (event.type() == MessageType.EVENT_LINK_CONNECTED) {
            linkConnected = true;
        } else if (event.type() == MessageType.EVENT_LINK_DISCONNECTED) {
            linkConnected = false;
        }
        boolean internal = event.referenceId().map(internalReferences::contains).orElse(false);
        event.referenceId().map(pending::remove).ifPresent(future -> {
            if (event.type() == MessageType.EVENT_ERROR) {
                future.completeExceptionally(new RequestFailedException(event));
            } else {
                future.complete(event);
            }
        });
        Observer o = observer;
        if (o != null) {
            o.event(event, internal);
        }
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.name(), e);
            }
        }
    }

    private void disconnected(String reason) {
        if (!connected) {
            return;
        }
        connected = false;
        linkConnected = false;
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("disconnected: " + reason)));
        pending.clear();
        Observer o = observer;
        if (o != null) {
            o.closed(reason);
        }
        listeners.forEach(l -> l.onDisconnected(reason));
    }

    /** Closes the connection; the server undoes this client's registrations. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ClientTransport t = transport;
        if (t != null) {
            t.close();
        }
        disconnected("closed by the application");
    }
}
