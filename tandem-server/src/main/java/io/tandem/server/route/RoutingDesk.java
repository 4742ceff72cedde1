package io.tandem.server.route;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.config.DnType;
import io.tandem.server.config.RoutingSettings;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchLink;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route sessions of this server's route points, on the core thread. It registers the route callback of a
 * {@code RoutingPoint} DN on the switch when the DN's first router registers (and again at every link-up or takeover
 * while routers are there), and unregisters it when the last one leaves; tells the routers of each route request, times
 * them out and routes to the default DN; reports every route used; and puts calls in virtual queues.
 */
public final class RoutingDesk implements io.tandem.server.link.LinkEvents.DeviceStateObserver {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingDesk.class);

    /** A client's RequestRouteCall waiting for its route-used event. */
    private record Requester(ClientSession client, Long referenceId) {
    }

    private final RoutingSettings settings;
    private final io.tandem.server.call.CallRegistry calls;
    private final DnDirectory directory;
    private final Registrations registrations;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final BooleanSupplier actsOnSwitch;
    private final ScheduledExecutorService coreThread;
    private final Clock clock;
    private final Set<String> callbacks = new HashSet<>();
    private final Map<Long, RouteSession> sessions = new LinkedHashMap<>();
    private final Map<Long, Integer> defaultRoutings = new HashMap<>();
    private final Map<Long, Requester> requesters = new HashMap<>();
    /** Calls routed (by a router or by default) per minute, the last {@link #MINUTES_KEPT} minutes: epoch minute to count. */
    private final java.util.TreeMap<Long, Integer> routedPerMinute = new java.util.TreeMap<>();
    /** How many minutes of routed-call counts are kept (the wallboard's chart). */
    public static final int MINUTES_KEPT = 15;

    /** A desk for the route points of {@code directory}, acting on the switch of {@code link} while {@code actsOnSwitch}. */
    public RoutingDesk(RoutingSettings settings, io.tandem.server.call.CallRegistry calls, DnDirectory directory,
            Registrations registrations, EventSender sender, Supplier<Optional<SwitchLink>> link, BooleanSupplier actsOnSwitch,
            ScheduledExecutorService coreThread, Clock clock) {
        this.settings = settings;
        this.calls = calls;
        this.directory = directory;
        this.registrations = registrations;
        this.sender = sender;
        this.link = link;
        this.actsOnSwitch = actsOnSwitch;
        this.coreThread = coreThread;
        this.clock = clock;
    }

    // ---- route callbacks ----------------------------------------------------------------------------

    private boolean isRoutePoint(String dn) {
        return directory.find(dn).map(DirectoryNumber::type).filter(t -> t == DnType.RoutingPoint).isPresent();
    }

    /** A client registered {@code dn}: the first router of a route point has its callback registered on the switch. */
    public void registered(ClientSession client, String dn) {
        if (isRoutePoint(dn)) {
            ensureCallback(dn);
        }
    }

    /**
     * A client's registration of {@code dn} was undone: when it was a route point's last router, the calls waiting there
     * are routed to the default DN (reason {@code NoRouter}) and the callback is unregistered, so that new calls follow the
     * route point's forwards on the switch.
     */
    public void unregistered(ClientSession client, String dn) {
        requesters.values().removeIf(r -> r.client() == client);
        if (!isRoutePoint(dn) || !registrations.registrants(dn).isEmpty() || !actsOnSwitch.getAsBoolean()) {
            return;
        }
        List.copyOf(sessions.values()).stream().filter(s -> s.routePoint.equals(dn) && s.defaultReason == null)
                .forEach(s -> defaultRoute(s, "NoRouter"));
        if (callbacks.remove(dn)) {
            link.get().ifPresent(l -> l.unregisterRouteCallback(dn).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("unregistering the route callback of {} failed: {}", dn, error.toString());
                }
            }));
        }
    }

    /** The switch link is up, or this server became the primary: every route point with routers gets its callback. */
    public void takeOver() {
        callbacks.clear();
        directory.all().stream().filter(dn -> dn.type() == DnType.RoutingPoint && !registrations.registrants(dn.number()).isEmpty())
                .forEach(dn -> ensureCallback(dn.number()));
    }

    @Override
    public void linkUp(List<io.tandem.switchlink.DeviceSnapshot> devices) {
        takeOver();
    }

    @Override
    public void deviceEvent(SwitchEvent event) {
    }

    @Override
    public void linkDown() {
        released();
    }

    /** The switch link went down or this server is no longer the primary: callbacks and sessions went with the link. */
    public void released() {
        callbacks.clear();
        sessions.values().forEach(RouteSession::stopRouterTimer);
        sessions.clear();
    }

    private void ensureCallback(String dn) {
        if (!actsOnSwitch.getAsBoolean() || callbacks.contains(dn)) {
            return;
        }
        Optional<SwitchLink> sw = link.get();
        if (sw.isEmpty()) {
            return;
        }
        callbacks.add(dn);
        sw.get().registerRouteCallback(dn).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                callbacks.remove(dn);
                LOG.warn("the switch refused the route callback of {}: {}", dn, error.getMessage());
            } else {
                LOG.info("route callback of {} registered", dn);
            }
        }, coreThread);
    }

    // ---- sessions -------------------------------------------------------------------------------------

    /** The session of call {@code callId} waiting at {@code routePoint}, if any. */
    Optional<RouteSession> session(long callId, String routePoint) {
        return Optional.ofNullable(sessions.get(callId)).filter(s -> s.routePoint.equals(routePoint));
    }

    /** The calls waiting at {@code routePoint}, oldest first (console and admin API). */
    public List<WaitingCall> waiting(String routePoint) {
        return sessions.values().stream().filter(s -> s.routePoint.equals(routePoint))
                .map(s -> new WaitingCall(s.connId, s.since.toEpochMilli(), s.queue)).toList();
    }

    /**
     * A call waiting at a route point.
     *
     * @param connId its ConnID
     * @param since when it arrived (epoch milliseconds)
     * @param queue the virtual queue it is in, or null
     */
    public record WaitingCall(String connId, long since, String queue) {
    }

    /** Follows the switch's call events (route requests, routes used, calls leaving a route point). */
    public void callEvent(CallRecord record, SwitchEvent.CallEvent e) {
        if (e.type() == CallEventType.ROUTE_REQUEST) {
            routeRequest(record, e);
        } else if (e.type() == CallEventType.ROUTE_USED) {
            routeUsed(record, e);
        } else if (e.type() == CallEventType.CALL_CLEARED
                || (e.type() == CallEventType.RELEASED || e.type() == CallEventType.ABANDONED) && isRoutePoint(e.dn())) {
            RouteSession session = sessions.get(e.callId());
            if (session != null && (e.dn() == null || session.routePoint.equals(e.dn()))) {
                end(session, e.type() == CallEventType.ABANDONED ? "Abandoned" : e.cause() == null ? "Cleared" : e.cause());
            }
            if (e.type() == CallEventType.CALL_CLEARED) {
                defaultRoutings.remove(e.callId());
            }
        }
    }

    private void routeRequest(CallRecord record, SwitchEvent.CallEvent e) {
        RouteSession previous = sessions.remove(e.callId());
        if (previous != null) {
            previous.stopRouterTimer();
        }
        RouteSession session = new RouteSession(e.callId(), record.connId(), e.dn(), record.callType(), previous != null ? previous.since : clock.instant());
        session.queue = previous == null ? null : previous.queue;
        sessions.put(e.callId(), session);
        Message.Builder m = Message.builder(MessageType.EVENT_ROUTE_REQUEST).put(Attribute.THIS_DN, e.dn()).put(Attribute.THIS_QUEUE, e.dn())
                .put(Attribute.CONN_ID, record.connId()).put(Attribute.CALL_ID, record.callId()).put(Attribute.CALL_TYPE, record.callType())
                .putIfPresent(Attribute.OTHER_DN, e.otherParty()).putIfPresent(Attribute.ANI, e.otherParty()).put(Attribute.DNIS, e.dn());
        if (e.previousCallId() != 0) {
            calls.byCallId(e.previousCallId()).ifPresent(p -> m.put(Attribute.PREVIOUS_CONN_ID, p.connId()));
        }
        if (!record.userData().isEmpty()) {
            m.put(Attribute.USER_DATA, record.userData());
        }
        sender.distribute(registrations.receivers(e.dn()), m.build(), null, null);
        if (!actsOnSwitch.getAsBoolean()) {
            return;
        }
        if (registrations.registrants(e.dn()).isEmpty()) {
            defaultRoute(session, "NoRouter");
            return;
        }
        Duration timeout = settings.forRoutePoint(e.dn()).routerTimeout();
        session.routerTimer = coreThread.schedule(() -> routerTimedOut(session), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void routerTimedOut(RouteSession session) {
        session.routerTimer = null;
        if (sessions.get(session.callId) == session && session.defaultReason == null) {
            LOG.info("no route for {} at {} within the router timeout", session.connId, session.routePoint);
            defaultRoute(session, "Timeout");
        }
    }

    /**
     * Routes {@code session}'s call to its route point's default DN: released instead once it was default-routed more than
     * the redirection limit; left to the switch's select-route timer when no default DN is configured.
     */
    private void defaultRoute(RouteSession session, String reason) {
        RoutingSettings.RoutePointSettings rp = settings.forRoutePoint(session.routePoint);
        Optional<SwitchLink> sw = link.get();
        if (sw.isEmpty() || rp.defaultDn() == null) {
            LOG.info("{} at {}: {} and no default DN; the switch's select-route timer decides", session.connId, session.routePoint, reason);
            return;
        }
        session.stopRouterTimer();
        int routings = defaultRoutings.merge(session.callId, 1, Integer::sum);
        if (rp.redirectionLimit() > 0 && routings > rp.redirectionLimit()) {
            LOG.warn("{} was default-routed {} times (limit {}): released", session.connId, routings - 1, rp.redirectionLimit());
            sw.get().call(new CallRequest(CallRequest.Verb.END_ROUTE, session.routePoint, session.callId, 0, null, null, 0));
            return;
        }
        session.defaultReason = reason;
        sw.get().call(new CallRequest(CallRequest.Verb.SELECT_ROUTE, session.routePoint, session.callId, 0, rp.defaultDn(), null, 0))
                .whenCompleteAsync((id, error) -> {
                    if (error != null) {
                        LOG.warn("default routing of {} to {} failed: {}", session.connId, rp.defaultDn(), error.getMessage());
                    }
                }, coreThread);
    }

    private void countRouted() {
        long minute = clock.millis() / 60_000;
        routedPerMinute.merge(minute, 1, Integer::sum);
        routedPerMinute.headMap(minute - MINUTES_KEPT + 1).clear();
    }

    /**
     * What the console shows: each route point with its routers and waiting calls, each virtual queue with its calls,
     * and calls routed per minute over the last {@link #MINUTES_KEPT} minutes (oldest first, zeros included).
     */
    public RoutingView view() {
        List<RoutingView.RoutePointRow> points = directory.all().stream().filter(dn -> dn.type() == DnType.RoutingPoint)
                .map(dn -> new RoutingView.RoutePointRow(dn.number(), registrations.registrants(dn.number()).size(),
                        callbacks.contains(dn.number()), waiting(dn.number())))
                .toList();
        List<RoutingView.QueueRow> queues = directory.all().stream().filter(dn -> dn.type() == DnType.VirtualQueue)
                .map(dn -> new RoutingView.QueueRow(dn.number(), sessions.values().stream().filter(s -> dn.number().equals(s.queue))
                        .map(s -> new WaitingCall(s.connId, s.since.toEpochMilli(), s.queue)).toList()))
                .toList();
        long now = clock.millis() / 60_000;
        List<RoutingView.Minute> minutes = new java.util.ArrayList<>();
        for (long m = now - MINUTES_KEPT + 1; m <= now; m++) {
            minutes.add(new RoutingView.Minute(m * 60_000, routedPerMinute.getOrDefault(m, 0)));
        }
        return new RoutingView(points, queues, minutes);
    }

    private void routeUsed(CallRecord record, SwitchEvent.CallEvent e) {
        countRouted();
        RouteSession session = sessions.remove(e.callId());
        Requester requester = requesters.remove(e.callId());
        Message.Builder m = Message.builder(MessageType.EVENT_ROUTE_USED).put(Attribute.THIS_DN, e.dn()).put(Attribute.THIS_QUEUE, e.dn())
                .put(Attribute.CONN_ID, record.connId()).put(Attribute.CALL_ID, record.callId()).put(Attribute.CALL_TYPE, record.callType())
                .putIfPresent(Attribute.OTHER_DN, e.otherParty());
        if (!record.userData().isEmpty()) {
            m.put(Attribute.USER_DATA, record.userData());
        }
        if (session != null && session.defaultReason != null) {
            m.put(Attribute.EXTENSIONS, KeyValueList.ofStrings("ROUTE_REASON", session.defaultReason));
        }
        sender.distribute(registrations.receivers(e.dn()), m.build(), requester == null ? null : requester.client(),
                requester == null ? null : requester.referenceId());
        if (session != null) {
            session.stopRouterTimer();
            diverted(session, e.otherParty(), "Routed");
        }
    }

    private void end(RouteSession session, String reason) {
        sessions.remove(session.callId);
        requesters.remove(session.callId);
        session.stopRouterTimer();
        diverted(session, null, reason);
    }

    // ---- answers from routers ----------------------------------------------------------------------------

    /** {@code client} asked to route the session's call: the route-used event will carry its ReferenceID. */
    void routing(RouteSession session, ClientSession client, Long referenceId) {
        session.stopRouterTimer();
        requesters.put(session.callId, new Requester(client, referenceId));
    }

    /** The switch refused {@code client}'s route: it is answered with EventError instead. */
    void routingFailed(long callId) {
        requesters.remove(callId);
    }

    /** A router put the session's call in virtual queue {@code queue} (it waits on at the route point). */
    void queue(RouteSession session, String queue, CallRecord record) {
        session.stopRouterTimer();
        if (queue.equals(session.queue)) {
            return;
        }
        if (session.queue != null) {
            diverted(session, null, "Requeued");
        }
        session.queue = queue;
        Message.Builder m = Message.builder(MessageType.EVENT_QUEUED).put(Attribute.THIS_DN, queue).put(Attribute.THIS_QUEUE, queue)
                .put(Attribute.CONN_ID, record.connId()).put(Attribute.CALL_ID, record.callId()).put(Attribute.CALL_TYPE, record.callType())
                .put(Attribute.THIRD_PARTY_DN, session.routePoint);
        if (!record.userData().isEmpty()) {
            m.put(Attribute.USER_DATA, record.userData());
        }
        sender.distribute(registrations.receivers(queue), m.build(), null, null);
    }

    /** The session's call left its virtual queue: routed to {@code destination}, or for {@code reason}. */
    private void diverted(RouteSession session, String destination, String reason) {
        if (session.queue == null) {
            return;
        }
        String queue = session.queue;
        Message event = Message.builder(MessageType.EVENT_DIVERTED).put(Attribute.THIS_DN, queue).put(Attribute.THIS_QUEUE, queue)
                .put(Attribute.CONN_ID, session.connId).put(Attribute.CALL_ID, session.callId).put(Attribute.CALL_TYPE, session.callType)
                .putIfPresent(Attribute.OTHER_DN, destination)
                .put(Attribute.THIRD_PARTY_DN, session.routePoint).put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REASON", reason)).build();
        sender.distribute(registrations.receivers(queue), event, null, null);
    }
}
