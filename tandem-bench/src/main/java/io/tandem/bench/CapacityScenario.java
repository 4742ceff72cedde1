package io.tandem.bench;

import io.tandem.process.LoadConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.client.TandemClient;
import io.tandem.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code capacity}: a server configured with D phone DNs, C connected clients that together register every DN
 * (each client D/C of them), then the server's heap. Run with the server heap the target names (512m).
 */
public final class CapacityScenario {

    private CapacityScenario() {
    }

    /** Connects {@code clients} clients and registers {@code dns} DNs among them. */
    public static BenchResult run(ServerUnderTest target, Clients pool, int dns, int clients) throws Exception {
        long t0 = System.nanoTime();
        List<TandemClient> connected = pool.connect(target.host(), target.ctiPort(), "capacity", clients);
        long connectedAt = System.nanoTime();
        List<CompletableFuture<?>> registrations = new ArrayList<>();
        for (int i = 0; i < dns; i++) {
            registrations.add(connected.get(i % clients).registerAddress(LoadConfig.phone(i)));
            if (registrations.size() >= 5_000) {
                drain(registrations);
            }
        }
        drain(registrations);
        long registeredAt = System.nanoTime();
        JsonNode jvm = target.jvm();
        return new BenchResult("capacity").put("dns", dns).put("clients", clients)
                .put("connectSeconds", Math.round((connectedAt - t0) / 1e7) / 100.0)
                .put("registerSeconds", Math.round((registeredAt - connectedAt) / 1e7) / 100.0)
                .put("server.heapUsedMB", jvm.path("heapUsedBytes").asLong() / (1024 * 1024))
                .put("server.heapPeakMB", jvm.path("heapPeakBytes").asLong() / (1024 * 1024))
                .put("server.heapMaxMB", jvm.path("heapMaxBytes").asLong() / (1024 * 1024));
    }

    private static void drain(List<CompletableFuture<?>> registrations) {
        for (CompletableFuture<?> r : registrations) {
            Object answer = r.join();
            if (!(answer instanceof io.tandem.protocol.Message m) || m.type() != MessageType.EVENT_REGISTERED) {
                throw new IllegalStateException("registration failed: " + answer);
            }
        }
        registrations.clear();
    }
}
