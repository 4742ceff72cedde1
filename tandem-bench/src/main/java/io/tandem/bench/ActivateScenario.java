package io.tandem.bench;

import io.tandem.process.LoadConfig;
import io.tandem.client.TandemClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code activate}: N remote terminals extended (RequestRegisterAddress with REMOTE_DEST) and then deactivated
 * (RequestUnregisterAddress) by C clients at a fixed offered rate. Activation latency runs from the time the
 * request was scheduled to the matching EventDNBackInService; deactivation latency to EventUnregistered.
 */
public final class ActivateScenario {

    /** Latency bound of a sustainable rate (issue 17: p99 at most 20 ms at the ceiling); beyond it the server is queueing. */
    static final double SUSTAINABLE_P99_MS = 20;

    private final List<TandemClient> clients;
    private final int terminals;
    private final AtomicLong nextReference = new AtomicLong(1_000_000_000L);
    private final List<Map<Long, Long>> pending = new ArrayList<>();
    private volatile Phase phase;

    private static final class Phase {
        final MessageType answer;
        final Latencies latencies = new Latencies();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicLong lastCompletion = new AtomicLong();

        Phase(MessageType answer) {
            this.answer = answer;
        }
    }

    /** A scenario over {@code clients} for {@code terminals} terminals. */
    public ActivateScenario(List<TandemClient> clients, int terminals) {
        this.clients = clients;
        this.terminals = terminals;
        this.activeCount = terminals;
        for (TandemClient client : clients) {
            Map<Long, Long> mine = new ConcurrentHashMap<>();
            pending.add(mine);
            client.addListener(event -> answered(mine, event));
        }
    }

    private void answered(Map<Long, Long> mine, Message event) {
        Phase p = phase;
        if (p == null || event.referenceId().isEmpty()) {
            return;
        }
        boolean failure = event.type() == MessageType.EVENT_ERROR || event.type() == MessageType.EVENT_HARDWARE_ERROR;
        if (event.type() != p.answer && !failure) {
            return;
        }
        Long scheduled = mine.remove(event.referenceId().get());
        if (scheduled == null) {
            return;
        }
        long now = System.nanoTime();
        if (failure) {
            p.errors.incrementAndGet();
        } else {
            p.latencies.record(now - scheduled);
        }
        p.completed.incrementAndGet();
        p.lastCompletion.accumulateAndGet(now, Math::max);
    }

    /** An untimed pass over the first {@code count} terminals, so that the server's JIT has compiled the hot paths. */
    public void warmUp(int count, int rate) throws InterruptedException {
        int all = terminals;
        try {
            activeCount = Math.min(count, all);
            run(rate, MessageType.EVENT_DN_BACK_IN_SERVICE, true);
            run(rate, MessageType.EVENT_UNREGISTERED, false);
        } finally {
            activeCount = all;
        }
    }

    private int activeCount;

    /** Extends then deactivates every terminal at {@code rate} per second; the figures of both phases. */
    public BenchResult step(int rate) throws InterruptedException {
        BenchResult result = new BenchResult("activate").put("terminals", terminals).put("clients", clients.size())
                .put("offeredPerSecond", rate);
        Phase activation = run(rate, MessageType.EVENT_DN_BACK_IN_SERVICE, true);
        result.put("activations", activation.completed.get()).put("activationErrors", activation.errors.get())
                .put("achievedPerSecond", achieved(activation, rate))
                .putAll("activation.", activation.latencies.summary());
        Phase deactivation = run(rate, MessageType.EVENT_UNREGISTERED, false);
        result.put("deactivationErrors", deactivation.errors.get()).putAll("deactivation.", deactivation.latencies.summary());
        return result;
    }

    private long start;

    private Phase run(int rate, MessageType answer, boolean activate) throws InterruptedException {
        Phase p = new Phase(answer);
        phase = p;
        int count = activeCount;
        start = Pacer.run(count, rate, (i, scheduled) -> {
            int c = i % clients.size();
            long reference = nextReference.incrementAndGet();
            pending.get(c).put(reference, scheduled);
            Message.Builder request = Message.builder(activate ? MessageType.REQUEST_REGISTER_ADDRESS : MessageType.REQUEST_UNREGISTER_ADDRESS)
                    .put(Attribute.REFERENCE_ID, reference)
                    .put(Attribute.THIS_DN, LoadConfig.terminal(i));
            if (activate) {
                request.put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(i)));
            }
            clients.get(c).send(request.build());
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (p.completed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return p;
    }

    private long achieved(Phase p, int offered) {
        if (p.completed.get() == 0) {
            return 0;
        }
        double seconds = (p.lastCompletion.get() - start) / 1e9;
        return Math.min(offered, Math.round(p.completed.get() / Math.max(seconds, 1e-3)));
    }

    /** Whether a step kept up: everything answered without error, at 95 % of the offered rate, p99 bounded. */
    static boolean sustainable(BenchResult r) {
        int terminals = (int) r.get("terminals");
        return (int) r.get("activations") == terminals && (int) r.get("activationErrors") == 0
                && (long) r.get("achievedPerSecond") >= 0.95 * (int) r.get("offeredPerSecond")
                && (double) r.get("activation.p99Ms") <= SUSTAINABLE_P99_MS;
    }
}
