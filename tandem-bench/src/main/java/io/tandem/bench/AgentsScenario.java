package io.tandem.bench;

import io.tandem.client.TandemClient;
import io.tandem.process.LoadConfig;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code agents}: N agents logged in on N phones, spread over C clients; each client, in a closed loop, moves its next
 * agent one step along Ready → Not Ready (AuxWork, a reason) → after-call work (Not Ready, AfterCallWork) → Ready. A
 * step is one request and its answering event; latency is request to that event.
 */
public final class AgentsScenario {

    private static final MessageType[] CYCLE = {MessageType.REQUEST_AGENT_READY, MessageType.REQUEST_AGENT_NOT_READY,
        MessageType.REQUEST_AGENT_NOT_READY};

    private AgentsScenario() {
    }

    /** Runs for {@code duration} with {@code agents} agents on phones 0 .. agents-1 and {@code clients} clients. */
    public static BenchResult run(Clients pool, String host, int port, int agents, int clients, Duration duration, JitWarmup warmup)
            throws Exception {
        List<TandemClient> desks = pool.connect(host, port, "agents", clients);
        Map<TandemClient, List<String>> dnsOf = new HashMap<>();
        List<CompletableFuture<Message>> done = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            TandemClient desk = desks.get(i % clients);
            String dn = LoadConfig.phone(i);
            dnsOf.computeIfAbsent(desk, k -> new ArrayList<>()).add(dn);
            desk.registerAddress(dn).join();
            done.add(desk.agentLogin(dn, "A" + i));
        }
        done.forEach(CompletableFuture::join);
        AtomicLong events = new AtomicLong();
        desks.forEach(d -> d.addListener(e -> events.incrementAndGet()));
        Map<TandemClient, int[]> position = new java.util.concurrent.ConcurrentHashMap<>();
        Latencies[] latencies = {new Latencies()};
        ClosedLoop.Operation step = desk -> {
            List<String> dns = dnsOf.get(desk);
            int[] at = position.computeIfAbsent(desk, k -> new int[1]);
            int n = at[0]++;
            String dn = dns.get(n % dns.size());
            int phase = (n / dns.size()) % CYCLE.length;
            Message.Builder request = Message.builder(CYCLE[phase]).put(Attribute.THIS_DN, dn);
            if (phase == 1) {
                request.put(Attribute.REASONS, KeyValueList.ofStrings("ReasonCode", "R" + (n % 5)));
            } else if (phase == 2) {
                request.put(Attribute.AGENT_WORK_MODE, "AfterCallWork");
            }
            long t = System.nanoTime();
            desk.request(request.build()).join();
            latencies[0].record(System.nanoTime() - t);
        };
        warmup.run(length -> ClosedLoop.run(desks, length, step));
        latencies[0] = new Latencies();
        long before = events.get();
        long changes = ClosedLoop.run(desks, duration, step);
        double seconds = duration.toMillis() / 1000.0;
        return new BenchResult("agents").put("agents", agents).put("clients", clients).put("stateChanges", changes)
                .put("stateChangesPerSecond", Math.round(changes / seconds))
                .put("eventsDeliveredPerSecond", Math.round((events.get() - before) / seconds))
                .putAll("request.", latencies[0].summary());
    }
}
