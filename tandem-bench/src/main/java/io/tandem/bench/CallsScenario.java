package io.tandem.bench;

import io.tandem.process.LoadConfig;
import io.tandem.client.TandemClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code calls}: P caller/callee pairs, each a client registered on its phone, set up and tear down calls in a
 * closed loop (RequestMakeCall, RequestAnswerCall, RequestReleaseCall). Latency is request to answering event.
 */
public final class CallsScenario {

    private CallsScenario() {
    }

    /** Runs for {@code duration} with {@code pairs} pairs (phones 0 .. 2×pairs-1). */
    public static BenchResult run(Clients pool, String host, int port, int pairs, Duration duration, JitWarmup warmup) throws Exception {
        List<TandemClient> callers = pool.connect(host, port, "caller", pairs);
        List<TandemClient> callees = pool.connect(host, port, "callee", pairs);
        for (int i = 0; i < pairs; i++) {
            callers.get(i).registerAddress(LoadConfig.phone(2 * i)).join();
            callees.get(i).registerAddress(LoadConfig.phone(2 * i + 1)).join();
        }
        AtomicLong events = new AtomicLong();
        callers.forEach(c -> c.addListener(e -> events.incrementAndGet()));
        callees.forEach(c -> c.addListener(e -> events.incrementAndGet()));
        Latencies[] latencies = {new Latencies()};
        ClosedLoop.Operation call = caller -> {
            int i = callers.indexOf(caller);
            String from = LoadConfig.phone(2 * i);
            String to = LoadConfig.phone(2 * i + 1);
            long t = System.nanoTime();
            Message dialing = caller.request(request(MessageType.REQUEST_MAKE_CALL, from).put(Attribute.OTHER_DN, to).build()).join();
            long t2 = System.nanoTime();
            latencies[0].record(t2 - t);
            String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
            callees.get(i).request(request(MessageType.REQUEST_ANSWER_CALL, to).put(Attribute.CONN_ID, connId).build()).join();
            long t3 = System.nanoTime();
            latencies[0].record(t3 - t2);
            caller.request(request(MessageType.REQUEST_RELEASE_CALL, from).put(Attribute.CONN_ID, connId).build()).join();
            latencies[0].record(System.nanoTime() - t3);
        };
        warmup.run(length -> ClosedLoop.run(callers, length, call));
        latencies[0] = new Latencies();
        long before = events.get();
        long calls = ClosedLoop.run(callers, duration, call);
        Latencies measured = latencies[0];
        double seconds = duration.toMillis() / 1000.0;
        return new BenchResult("calls").put("pairs", pairs).put("calls", calls)
                .put("callsPerSecond", Math.round(calls / seconds))
                .put("requestsPerSecond", Math.round(3 * calls / seconds))
                .put("eventsDeliveredPerSecond", Math.round((events.get() - before) / seconds))
                .putAll("request.", measured.summary());
    }

    static Message.Builder request(MessageType type, String dn) {
        return Message.builder(type).put(Attribute.THIS_DN, dn);
    }
}
