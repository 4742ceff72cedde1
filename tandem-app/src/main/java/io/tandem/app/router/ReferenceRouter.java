package io.tandem.app.router;

import io.tandem.client.EventListener;
import io.tandem.client.HotStandbyClient;
import io.tandem.client.RouteRequest;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Routes the calls of its route points to the longest-idle available agent: an agent DN whose agent is Ready and which
 * is on no call. With nobody available the call waits in the virtual queue (RequestRouteCall with Extensions.VQ) until an
 * agent becomes available, oldest call first, or goes to the overflow DN after the maximum wait. Every decision is on one
 * thread, in the order the events arrived; it reports each as a line to {@code log}.
 */
public final class ReferenceRouter implements AutoCloseable {

    /**
     * What the router serves.
     *
     * @param routePoints the route points it routes
     * @param queue the virtual queue waiting calls are put in
     * @param agentDns the DNs its agents work on
     * @param maxWait how long a call may wait in the queue before it goes to {@code overflowDn}
     * @param overflowDn where calls that waited too long go
     */
    public record Settings(List<String> routePoints, String queue, List<String> agentDns, Duration maxWait, String overflowDn) {
        /** Copies the lists. */
        public Settings {
            routePoints = List.copyOf(routePoints);
            agentDns = List.copyOf(agentDns);
        }
    }

    /** A call waiting in the queue. */
    private static final class Waiting {
        RouteRequest request;
        final Instant since;
        ScheduledFuture<?> overflow;

        Waiting(RouteRequest request, Instant since) {
            this.request = request;
            this.since = since;
        }
    }

    private final HotStandbyClient client;
    private final Settings settings;
    private final Consumer<String> log;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reference-router");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> ready = new HashSet<>();
    private final Map<String, Set<String>> callsOn = new HashMap<>();
    private final Map<String, Instant> idleSince = new HashMap<>();
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    private ReferenceRouter(HotStandbyClient client, Settings settings, Consumer<String> log, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
    }

    /** Starts routing through {@code client}: registers the route points, the queue and the agent DNs. */
    public static ReferenceRouter start(HotStandbyClient client, Settings settings, Consumer<String> log, Clock clock) {
        ReferenceRouter router = new ReferenceRouter(client, settings, log, clock);
        client.addListener(new EventListener() {
            @Override
            public void onEvent(Message event) {
                router.thread.execute(() -> router.event(event));
            }
        });
        List<String> dns = new ArrayList<>(settings.agentDns());
        dns.add(settings.queue());
        dns.addAll(settings.routePoints());
        dns.forEach(dn -> client.registerAddress(dn).join());
        log.accept("routing " + settings.routePoints() + " to agents on " + settings.agentDns() + " (queue " + settings.queue()
                + ", overflow to " + settings.overflowDn() + " after " + settings.maxWait().toSeconds() + " s)");
        return router;
    }

    private void event(Message event) {
        RouteRequest.of(event).ifPresent(this::routeRequest);
        String dn = event.thisDn();
        if (dn == null) {
            return;
        }
        MessageType type = event.type();
        if (settings.agentDns().contains(dn)) {
            agentEvent(dn, type, event);
        } else if (settings.routePoints().contains(dn) && (type == MessageType.EVENT_ROUTE_USED || type == MessageType.EVENT_ABANDONED
                || type == MessageType.EVENT_RELEASED)) {
            Waiting gone = waiting.remove(event.string(Attribute.CONN_ID).orElse(""));
            if (gone != null && gone.overflow != null) {
                gone.overflow.cancel(false);
            }
        }
    }

    private void agentEvent(String dn, MessageType type, Message event) {
        String connId = event.string(Attribute.CONN_ID).orElse(null);
        switch (type) {
            case EVENT_REGISTERED, EVENT_ADDRESS_INFO -> setReady(dn, "Ready".equals(event.extensions().getString("AGENT_STATE").orElse(null)));
            case EVENT_AGENT_READY -> setReady(dn, true);
            case EVENT_AGENT_NOT_READY, EVENT_AGENT_LOGOUT, EVENT_AGENT_LOGIN -> setReady(dn, false);
            case EVENT_RINGING, EVENT_DIALING, EVENT_ESTABLISHED -> {
                reserved.remove(dn);
                if (connId != null) {
                    callsOn.computeIfAbsent(dn, k -> new HashSet<>()).add(connId);
                }
                idleSince.remove(dn);
            }
            case EVENT_RELEASED, EVENT_ABANDONED -> {
                Set<String> calls = callsOn.getOrDefault(dn, Set.of());
                if (connId != null && calls.remove(connId) && calls.isEmpty()) {
                    becameAvailable(dn);
                }
            }
            default -> {
            }
        }
    }

    private void setReady(String dn, boolean isReady) {
        if (isReady && ready.add(dn)) {
            becameAvailable(dn);
        } else if (!isReady) {
            ready.remove(dn);
            idleSince.remove(dn);
        }
    }

    private boolean available(String dn) {
        return ready.contains(dn) && callsOn.getOrDefault(dn, Set.of()).isEmpty() && !reserved.contains(dn);
    }

    private void becameAvailable(String dn) {
        if (available(dn)) {
            idleSince.putIfAbsent(dn, clock.instant());
            dispatch();
        }
    }

    /** The available agent idle longest, or null. */
    private String longestIdle() {
        return idleSince.entrySet().stream().filter(e -> available(e.getKey())).min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(null);
    }

    private void routeRequest(RouteRequest request) {
        if (!settings.routePoints().contains(request.routePoint())) {
            return;
        }
        Waiting already = waiting.get(request.connId());
        if (already != null) {
            already.request = request; // offered again (a switchover): it keeps its place and waits on
            send(request.queue(settings.queue()), "queue " + request.connId() + " again");
            dispatch();
            return;
        }
        String agent = longestIdle();
        if (agent != null) {
            route(request, agent, "longest idle");
            return;
        }
        Waiting w = new Waiting(request, clock.instant());
        waiting.put(request.connId(), w);
        w.overflow = thread.schedule(() -> overflow(request.connId()), settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        send(request.queue(settings.queue()), "queued " + request.connId() + " from " + request.ani() + " in " + settings.queue());
    }

    private void dispatch() {
        while (!waiting.isEmpty()) {
            String agent = longestIdle();
            if (agent == null) {
                return;
            }
            Waiting oldest = waiting.values().iterator().next();
            waiting.remove(oldest.request.connId());
            if (oldest.overflow != null) {
                oldest.overflow.cancel(false);
            }
            route(oldest.request, agent, "waited " + Duration.between(oldest.since, clock.instant()).toMillis() + " ms");
        }
    }

    private void route(RouteRequest request, String agent, String why) {
        reserved.add(agent);
        idleSince.remove(agent);
        client.request(request.route(agent)).whenComplete((answer, error) -> thread.execute(() -> {
            if (error != null) {
                reserved.remove(agent);
                log.accept("routing " + request.connId() + " to " + agent + " failed: " + rootMessage(error));
                becameAvailable(agent);
            } else {
                log.accept("routed " + request.connId() + " from " + request.ani() + " to " + agent + " (" + why + ")");
            }
        }));
    }

    private void overflow(String connId) {
        Waiting w = waiting.remove(connId);
        if (w != null) {
            send(w.request.route(settings.overflowDn()), "overflow " + connId + " to " + settings.overflowDn()
                    + " after " + settings.maxWait().toSeconds() + " s");
        }
    }

    private void send(Message request, String what) {
        client.request(request).whenComplete((answer, error) -> log.accept(error == null ? what : what + " failed: " + rootMessage(error)));
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getMessage();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
