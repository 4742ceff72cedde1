package io.tandem.bench;

import io.tandem.client.TandemClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline measurements, driven by the same client library as Tandem: JSON lines of the same size as
 * Tandem's, echoed (request/answer traffic) or broadcast (fan-out traffic) by {@link BaselineServer}.
 */
public final class Baseline {

    private Baseline() {
    }

    /** A message of about {@code bytes} bytes on the wire. */
    static Message padded(MessageType type, int bytes) {
        Message base = Message.builder(type).put(Attribute.THIS_DN, "7000001").build();
        int pad = Math.max(0, bytes - 60);
        return base.toBuilder().putRaw("Padding", "x".repeat(pad)).build();
    }

    /** Echo: {@code clients} clients each send and await an echo, closed loop, for {@code duration}. */
    public static BenchResult echo(int clients, int messageBytes, Duration duration) throws Exception {
        try (BaselineServer server = new BaselineServer(false); Clients pool = new Clients()) {
            List<TandemClient> connected = pool.connect("127.0.0.1", server.port(), "echo", clients);
            Latencies latencies = new Latencies();
            Message message = padded(MessageType.REQUEST_REGISTER_ADDRESS, messageBytes);
            long cpuBefore = BenchCommand.ownCpuNanos();
            long done = ClosedLoop.run(connected, duration, client -> {
                long t = System.nanoTime();
                client.request(message).join();
                latencies.record(System.nanoTime() - t);
            });
            return new BenchResult("baseline-echo").put("clients", clients).put("messageBytes", messageBytes)
                    .put("roundTripsPerSecond", Math.round(done / (duration.toMillis() / 1000.0)))
                    .put("cpuUsPerRoundTrip", Math.round((BenchCommand.ownCpuNanos() - cpuBefore) / 1000.0 / Math.max(done, 1)))
                    .putAll("latency.", latencies.summary());
        }
    }

    /** Broadcast: one sender, {@code receivers} receivers; deliveries per second counted at the receivers. */
    public static BenchResult broadcast(int receivers, int messageBytes, Duration duration) throws Exception {
        try (BaselineServer server = new BaselineServer(true); Clients pool = new Clients()) {
            List<TandemClient> listening = pool.connect("127.0.0.1", server.port(), "receiver", receivers);
            AtomicLong delivered = new AtomicLong();
            listening.forEach(c -> c.addListener(e -> delivered.incrementAndGet()));
            TandemClient sender = pool.connect("127.0.0.1", server.port(), "sender", 1).get(0);
            Message message = padded(MessageType.EVENT_ESTABLISHED, messageBytes);
            long before = delivered.get();
            ClosedLoop.run(List.of(sender), duration, client -> client.request(message).join());
            long count = delivered.get() - before;
            return new BenchResult("baseline-broadcast").put("receivers", receivers).put("messageBytes", messageBytes)
                    .put("deliveriesPerSecond", Math.round(count / (duration.toMillis() / 1000.0)));
        }
    }
}
