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
 * {@code fanout}: C clients all registered on the same two phone DNs while a driver client sets up and tears
 * down calls between them as fast as it can; every call event goes to all C clients. Measures events
 * delivered per second to the C clients.
 */
public final class FanoutScenario {

    private FanoutScenario() {
    }

    /** Runs for {@code duration} with {@code clients} listening clients. */
    public static BenchResult run(Clients pool, String host, int port, int clients, Duration duration, JitWarmup warmup) throws Exception {
        String a = LoadConfig.phone(0);
        String b = LoadConfig.phone(1);
        List<TandemClient> listeners = pool.connect(host, port, "fanout", clients);
        AtomicLong delivered = new AtomicLong();
        for (TandemClient c : listeners) {
            c.registerAddress(a).join();
            c.registerAddress(b).join();
            c.addListener(e -> delivered.incrementAndGet());
        }
        TandemClient driver = pool.connect(host, port, "driver", 1).get(0);
        driver.registerAddress(a).join();
        driver.registerAddress(b).join();
        Latencies[] latencies = {new Latencies()};
        ClosedLoop.Operation cycle = d -> {
            long t = System.nanoTime();
            Message dialing = d.request(CallsScenario.request(MessageType.REQUEST_MAKE_CALL, a).put(Attribute.OTHER_DN, b).build()).join();
            String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
            d.request(CallsScenario.request(MessageType.REQUEST_ANSWER_CALL, b).put(Attribute.CONN_ID, connId).build()).join();
            d.request(CallsScenario.request(MessageType.REQUEST_RELEASE_CALL, a).put(Attribute.CONN_ID, connId).build()).join();
            latencies[0].record(System.nanoTime() - t);
        };
        warmup.run(length -> ClosedLoop.run(List.of(driver), length, cycle));
        Thread.sleep(200);
        latencies[0] = new Latencies();
        long before = delivered.get();
        long calls = ClosedLoop.run(List.of(driver), duration, cycle);
        Latencies measured = latencies[0];
        double seconds = duration.toMillis() / 1000.0;
        return new BenchResult("fanout").put("clients", clients).put("calls", calls)
                .put("deliveriesPerSecond", Math.round((delivered.get() - before) / seconds))
                .putAll("callCycle.", measured.summary());
    }
}
