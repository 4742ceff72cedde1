package io.tandem.bench;

import io.tandem.client.RouteRequest;
import io.tandem.client.TandemClient;
import io.tandem.process.LoadConfig;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code routing}: callers on phones call route point 5000 in a closed loop (one call at a time each); a router client
 * registered on it routes each call to the next free one of the Ready agents on other phones; the agent answers and the
 * caller releases. A route is measured end to end (RequestMakeCall sent to EventRinging at the agent) and from the
 * router's EventRouteRequest to that EventRinging.
 */
public final class RoutingScenario {

    /** The route point of the generated configuration. */
    public static final String ROUTE_POINT = LoadConfig.ROUTE_POINT;

    private RoutingScenario() {
    }

    /** Runs for {@code duration} with {@code callers} caller phones (one client each) and {@code agents} agent phones. */
    public static BenchResult run(Clients pool, String host, int port, int callers, int agents, Duration duration, JitWarmup warmup)
            throws Exception {
        TandemClient router = pool.connect(host, port, "router", 1).get(0);
        List<TandemClient> agentDesks = pool.connect(host, port, "agents", Math.min(8, agents));
        List<TandemClient> callerDesks = pool.connect(host, port, "callers", callers);
        Map<TandemClient, String> callerDn = new HashMap<>();
        for (int i = 0; i < callers; i++) {
            callerDn.put(callerDesks.get(i), LoadConfig.phone(i));
            callerDesks.get(i).registerAddress(LoadConfig.phone(i)).join();
        }
        BlockingQueue<String> free = new LinkedBlockingQueue<>();
        Map<String, TandemClient> deskOf = new HashMap<>();
        Map<String, CompletableFuture<Message>> ringingFor = new ConcurrentHashMap<>();
        Map<String, Long> requestedAt = new ConcurrentHashMap<>();
        Latencies[] routeToRinging = {new Latencies()};
        for (int i = 0; i < agents; i++) {
            String dn = LoadConfig.phone(callers + i);
            TandemClient desk = agentDesks.get(i % agentDesks.size());
            deskOf.put(dn, desk);
            desk.registerAddress(dn).join();
            desk.agentLogin(dn, "A" + i).join();
            desk.agentReady(dn).join();
            free.add(dn);
        }
        for (TandemClient desk : agentDesks) {
            desk.addListener(e -> {
                if (e.type() == MessageType.EVENT_RINGING) {
                    Long at = requestedAt.remove(e.string(Attribute.CONN_ID).orElse(""));
                    if (at != null) {
                        routeToRinging[0].record(System.nanoTime() - at);
                    }
                    CompletableFuture<Message> waiting = ringingFor.remove(e.string(Attribute.OTHER_DN).orElse(""));
                    if (waiting != null) {
                        waiting.complete(e);
                    }
                } else if (e.type() == MessageType.EVENT_RELEASED) {
                    free.add(e.thisDn());
                }
            });
        }
        java.util.concurrent.ExecutorService routing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-router");
            t.setDaemon(true);
            return t;
        });
        router.addListener(RouteRequest.listener(request -> {
            requestedAt.put(request.connId(), System.nanoTime());
            routing.execute(() -> { // waiting for a free agent must not hold a connection's I/O thread
                try {
                    String agent = free.poll(5, TimeUnit.SECONDS);
                    if (agent != null) {
                        router.send(request.route(agent));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }));
        router.registerAddress(ROUTE_POINT).join();
        Thread.sleep(200); // the route callback is registered on the switch after the router's registration

        Latencies[] endToEnd = {new Latencies()};
        ClosedLoop.Operation call = caller -> {
            String dn = callerDn.get(caller);
            CompletableFuture<Message> ringing = new CompletableFuture<>();
            ringingFor.put(dn, ringing);
            long t = System.nanoTime();
            caller.request(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.THIS_DN, dn).put(Attribute.OTHER_DN, ROUTE_POINT)
                    .build()).join();
            Message rang = ringing.get(10, TimeUnit.SECONDS);
            endToEnd[0].record(System.nanoTime() - t);
            String connId = rang.string(Attribute.CONN_ID).orElseThrow();
            deskOf.get(rang.thisDn()).request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, rang.thisDn())
                    .put(Attribute.CONN_ID, connId).build()).join();
            caller.request(Message.builder(MessageType.REQUEST_RELEASE_CALL).put(Attribute.THIS_DN, dn).put(Attribute.CONN_ID, connId)
                    .build()).join();
        };
        warmup.run(length -> ClosedLoop.run(callerDesks, length, call)); // runs before the routing executor is shut down below
        endToEnd[0] = new Latencies();
        routeToRinging[0] = new Latencies();
        long routed;
        try {
            routed = ClosedLoop.run(callerDesks, duration, call);
        } finally {
            routing.shutdownNow();
        }
        double seconds = duration.toMillis() / 1000.0;
        return new BenchResult("routing").put("callers", callers).put("agents", agents).put("callsRouted", routed)
                .put("routedPerSecond", Math.round(routed / seconds))
                .putAll("makeCallToRinging.", endToEnd[0].summary()).putAll("routeRequestToRinging.", routeToRinging[0].summary());
    }
}
