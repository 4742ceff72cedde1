package io.tandem.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tandem.protocol.MessageType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Request latency: from the moment the core takes up a request to the first event that answers it (the
 * event carrying its ReferenceID, or EventError), as {@code tandem_request_duration_seconds} tagged with the
 * request and whether it succeeded. Requests without a ReferenceID cannot be matched to their answer and
 * are not timed. Core thread only.
 */
public final class RequestTimer {

    /** At most this many requests per client wait for their answer; older ones are forgotten. */
    static final int MAX_PENDING_PER_CLIENT = 10_000;

    private record Started(MessageType type, long at) {
    }

    private final MeterRegistry registry;
    private final Map<Long, Map<Long, Started>> pending = new HashMap<>();
    private final Map<MessageType, Timer> ok = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Timer> failed = new EnumMap<>(MessageType.class);

    RequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Client {@code session} sent request {@code type} with ReferenceID {@code reference}. */
    public void started(long session, long reference, MessageType type) {
        Map<Long, Started> ofClient = pending.computeIfAbsent(session, s -> new HashMap<>());
        if (ofClient.size() < MAX_PENDING_PER_CLIENT) {
            ofClient.put(reference, new Started(type, System.nanoTime()));
        }
    }

    /** The first event with ReferenceID {@code reference} went to client {@code session}. */
    public void answered(long session, long reference, boolean error) {
        Map<Long, Started> ofClient = pending.get(session);
        Started started = ofClient == null ? null : ofClient.remove(reference);
        if (started != null) {
            timer(started.type(), error).record(Duration.ofNanos(System.nanoTime() - started.at()));
        }
    }

    /** Client {@code session} is gone. */
    public void forget(long session) {
        pending.remove(session);
    }

    private Timer timer(MessageType type, boolean error) {
        return (error ? failed : ok).computeIfAbsent(type, t -> Timer.builder("tandem.request.duration")
                .description("time from taking up a request to sending the event that answers it")
                .tag("request", t.wireName())
                .tag("result", error ? "error" : "ok")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry));
    }
}
