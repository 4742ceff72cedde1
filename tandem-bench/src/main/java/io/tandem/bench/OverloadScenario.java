package io.tandem.bench;

import io.tandem.client.TandemClient;
import io.tandem.process.LoadConfig;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code overload}: the server offered more than it can do. C clients activate and deactivate N remote terminals in
 * turn (terminal {@code i % N}, always by the same client; even passes activate, odd passes deactivate) at a fixed
 * offered rate for a fixed time, open loop. Measures what a server that degrades by answering later should show: every
 * request answered (EventRegistered, EventUnregistered or an error, with its ReferenceID), each client's answers in the
 * order of its requests, how long after the offer ended the last answer came, and the server's heap; and how many
 * activations ended with EventDNBackInService (an activation still waiting for the switch when its own client
 * unregisters the terminal is dropped, as it should be).
 */
final class OverloadScenario {

    private final List<TandemClient> clients;
    private final int terminals;
    private final List<ClientLog> logs = new ArrayList<>();

    /** What one client sent and what came back. */
    private static final class ClientLog {
        final ConcurrentHashMap<Long, Long> pending = new ConcurrentHashMap<>();
        final AtomicLong lastAnswered = new AtomicLong();
        final AtomicInteger outOfOrder = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong lastAnswerNanos = new AtomicLong();
        final AtomicInteger extended = new AtomicInteger();
    }

    OverloadScenario(List<TandemClient> clients, int terminals) {
        this.clients = clients;
        this.terminals = terminals;
        for (TandemClient client : clients) {
            ClientLog log = new ClientLog();
            logs.add(log);
            client.addListener(event -> answered(log, event));
        }
    }

    private static void answered(ClientLog log, Message event) {
        if (event.referenceId().isEmpty()) {
            return;
        }
        long reference = event.referenceId().get();
        if (event.type() == MessageType.EVENT_DN_BACK_IN_SERVICE) {
            log.extended.incrementAndGet();
            return;
        }
        boolean error = event.type() == MessageType.EVENT_ERROR || event.type() == MessageType.EVENT_HARDWARE_ERROR;
        if (!error && event.type() != MessageType.EVENT_REGISTERED && event.type() != MessageType.EVENT_UNREGISTERED) {
            return;
        }
        if (log.pending.remove(reference) == null) {
            return;
        }
        if (reference < log.lastAnswered.getAndAccumulate(reference, Math::max)) {
            log.outOfOrder.incrementAndGet();
        }
        if (error) {
            log.errors.incrementAndGet();
        }
        log.answered.incrementAndGet();
        log.lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** Offers {@code rate} requests per second for {@code duration}, then waits up to {@code drain} for the answers. */
    BenchResult run(int rate, Duration duration, Duration drain) throws InterruptedException {
        int count = (int) (rate * duration.toSeconds());
        AtomicLong reference = new AtomicLong(2_000_000_000L);
        long start = Pacer.run(count, rate, (i, scheduled) -> {
            int terminal = i % terminals;
            int c = terminal % clients.size();
            boolean activate = (i / terminals) % 2 == 0;
            long ref = reference.incrementAndGet();
            logs.get(c).pending.put(ref, scheduled);
            Message.Builder request = Message.builder(activate ? MessageType.REQUEST_REGISTER_ADDRESS : MessageType.REQUEST_UNREGISTER_ADDRESS)
                    .put(Attribute.REFERENCE_ID, ref).put(Attribute.THIS_DN, LoadConfig.terminal(terminal));
            if (activate) {
                request.put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(terminal)));
            }
            clients.get(c).send(request.build());
        });
        long offerEnded = System.nanoTime();
        long deadline = offerEnded + drain.toNanos();
        while (answered() < count && System.nanoTime() < deadline) {
            Thread.sleep(20); // a load generator polling its own counters, not a test waiting for a condition
        }
        long last = logs.stream().mapToLong(l -> l.lastAnswerNanos.get()).max().orElse(offerEnded);
        return new BenchResult("overload").put("terminals", terminals).put("clients", clients.size()).put("offeredPerSecond", rate)
                .put("seconds", duration.toSeconds()).put("requests", count).put("answered", answered())
                .put("errors", logs.stream().mapToInt(l -> l.errors.get()).sum())
                .put("answeredOutOfOrder", logs.stream().mapToInt(l -> l.outOfOrder.get()).sum())
                .put("lastAnswerAfterOfferEndedMs", TimeUnit.NANOSECONDS.toMillis(Math.max(0, last - offerEnded)))
                .put("offerMs", TimeUnit.NANOSECONDS.toMillis(offerEnded - start))
                .put("activations", java.util.stream.IntStream.range(0, count).filter(i -> (i / terminals) % 2 == 0).count())
                .put("extended", logs.stream().mapToInt(l -> l.extended.get()).sum());
    }

    private int answered() {
        return logs.stream().mapToInt(l -> l.answered.get()).sum();
    }
}
