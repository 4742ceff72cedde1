package io.tandem.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.SendObserver;
import io.tandem.server.core.SessionState;
import io.tandem.server.ha.HaRole;
import io.tandem.server.ha.SyncLinkStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The CTI server's meters (names as Prometheus shows them):
 * <ul>
 *   <li>{@code tandem_clients}, {@code tandem_registrations}, {@code tandem_extended_terminals}: gauges,
 *       brought up to date on the core thread before each scrape;</li>
 *   <li>{@code tandem_events_sent_total{type}}: every event copy sent to a client;</li>
 *   <li>{@code tandem_request_duration_seconds{request,result}}: see {@link RequestTimer};</li>
 *   <li>{@code tandem_client_queued_bytes{client,application}} and {@code tandem_client_events_sent_total{client,application}}
 *       per registered client;</li>
 *   <li>{@code tandem_switch_link_up}, {@code tandem_ha_primary} (1 when this server is the primary),
 *       {@code tandem_ha_sync_lag_seconds}, {@code tandem_ha_backups_following}, {@code tandem_ha_switchovers},
 *       {@code tandem_ha_last_switchover_duration_seconds}.</li>
 * </ul>
 * Counting is on the core thread; gauges may be read by any thread.
 */
public final class ServerMetrics implements SendObserver {

    /**
     * Core-thread figures the gauges show.
     *
     * @param clients connected clients
     * @param registrations DN registrations
     * @param extendedTerminals remote terminals extended
     * @param agentsReady agents Ready
     * @param agentsNotReady agents Not Ready, after-call work excluded
     * @param agentsAfterCallWork agents in after-call work
     */
    public record CoreFigures(int clients, int registrations, int extendedTerminals, int agentsReady, int agentsNotReady,
            int agentsAfterCallWork) {
    }

    private final MeterRegistry registry;
    private final RequestTimer requests;
    private final Map<MessageType, Counter> sent = new EnumMap<>(MessageType.class);
    private final Map<Long, List<Meter>> perClient = new HashMap<>();
    private volatile CoreFigures figures = new CoreFigures(0, 0, 0, 0, 0, 0);

    /** Meters in {@code registry}. */
    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.requests = new RequestTimer(registry);
        Gauge.builder("tandem.clients", () -> figures.clients()).description("connected client applications").register(registry);
        Gauge.builder("tandem.registrations", () -> figures.registrations()).description("DN registrations of all clients")
                .register(registry);
        Gauge.builder("tandem.extended.terminals", () -> figures.extendedTerminals())
                .description("remote terminals in service with an active remote destination").register(registry);
        Gauge.builder("tandem.agents", () -> figures.agentsReady()).tag("state", "Ready").description("logged-in agents by state")
                .register(registry);
        Gauge.builder("tandem.agents", () -> figures.agentsNotReady()).tag("state", "NotReady").description("logged-in agents by state")
                .register(registry);
        Gauge.builder("tandem.agents", () -> figures.agentsAfterCallWork()).tag("state", "AfterCallWork")
                .description("logged-in agents by state").register(registry);
    }

    /** Meters that go nowhere (tests and benchmarks that do not look at them). */
    public static ServerMetrics discarded() {
        return new ServerMetrics(new CompositeMeterRegistry());
    }

    /** The registry. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Request latency. */
    public RequestTimer requests() {
        return requests;
    }

    @Override
    public void answered(long session, long referenceId, boolean error) {
        requests.answered(session, referenceId, error);
    }

    /** {@code copies} copies of an event of {@code type} were sent. Core thread. */
    @Override
    public void sent(MessageType type, int copies) {
        sent.computeIfAbsent(type, t -> Counter.builder("tandem.events.sent").description("event copies sent to clients")
                .tag("type", t.wireName()).register(registry)).increment(copies);
    }

    /** Shows the switch link and the HA status. */
    public void watch(BooleanSupplier linkUp, Supplier<SyncLinkStatus> ha) {
        Gauge.builder("tandem.switch.link.up", () -> linkUp.getAsBoolean() ? 1 : 0).description("1 while the switch link is up")
                .register(registry);
        Gauge.builder("tandem.ha.primary", () -> ha.get().role() == HaRole.PRIMARY ? 1 : 0)
                .description("1 while this server is the primary").register(registry);
        Gauge.builder("tandem.ha.sync.lag", () -> Math.max(0, ha.get().lagMillis()) / 1000.0).baseUnit("seconds")
                .description("backup: arrival of the last change minus the primary's sending time").register(registry);
        Gauge.builder("tandem.ha.backups.following", () -> ha.get().backupsFollowing())
                .description("primary: backups receiving changes").register(registry);
        Gauge.builder("tandem.ha.switchovers", () -> ha.get().switchovers()).description("takeovers by this server").register(registry);
        Gauge.builder("tandem.ha.last.switchover.duration", () -> Math.max(0, ha.get().lastSwitchoverMillis()) / 1000.0)
                .baseUnit("seconds").description("from losing the primary to every terminal extended again").register(registry);
    }

    /**
     * Brings the gauges up to date: the core figures, and one queue-depth gauge and events-sent counter per
     * registered client (added for new clients, removed for gone ones). Core thread.
     */
    public void refresh(CoreFigures now, Collection<ClientSession> sessions) {
        figures = now;
        Set<Long> present = new HashSet<>();
        for (ClientSession session : sessions) {
            if (session.state() != SessionState.REGISTERED) {
                continue;
            }
            present.add(session.id());
            perClient.computeIfAbsent(session.id(), id -> clientMeters(session));
        }
        for (Long gone : new ArrayList<>(perClient.keySet())) {
            if (!present.contains(gone)) {
                perClient.remove(gone).forEach(registry::remove);
            }
        }
    }

    private List<Meter> clientMeters(ClientSession session) {
        Tags tags = Tags.of("client", "#" + session.id(), "application", session.applicationName());
        return List.of(
                Gauge.builder("tandem.client.queued", session.channel(), channel -> channel.queuedBytes()).baseUnit("bytes")
                        .description("bytes of events written but not yet taken by the client's connection").tags(tags).register(registry),
                FunctionCounter.builder("tandem.client.events.sent", session, ClientSession::eventsSent)
                        .description("events sent to the client").tags(tags).register(registry));
    }

    /** A client disconnected. Core thread. */
    public void clientGone(ClientSession session) {
        requests.forget(session.id());
    }
}
