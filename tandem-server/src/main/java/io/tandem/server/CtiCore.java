package io.tandem.server;

import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.server.admin.AdminView;
import io.tandem.server.call.CallEvents;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.call.PendingCallRequests;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.core.ClientChannel;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.core.SessionTable;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.extend.ExtendAndConnect;
import io.tandem.server.ha.HaSettings;
import io.tandem.server.ha.HaPair;
import io.tandem.server.ha.RoleKeeper;
import io.tandem.server.link.LinkEvents;
import io.tandem.server.link.LinkState;
import io.tandem.server.link.SwitchLinkSupervisor;
import io.tandem.server.metrics.ServerMetrics;
import io.tandem.server.request.RequestDispatcher;
import io.tandem.server.request.ServerIdentity;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchConnector;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CTI core. Every piece of CTI state (sessions, registrations, DN and terminal state, the switch link)
 * lives on one thread, "cti-core"; the transports and the switch link hand their input to it through the
 * methods here, which may be called from any thread.
 */
public final class CtiCore implements io.tandem.server.core.ClientPort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CtiCore.class);

    /**
     * Figures for health reports, readable from any thread.
     *
     * @param linkState the switch link state
     * @param clients connected clients
     */
    public record Status(LinkState linkState, int clients) {
    }

    /** Tasks that may wait for the core thread before work from HTTP (console, admin API) is refused with 503. */
    public static final int CORE_CAPACITY = 100_000;

    private final io.tandem.server.recording.RecordingDesk recordings;
    private final io.tandem.common.concurrent.OwnerThread thread;
    private final io.tandem.server.core.OutboundBatches outbound;
    private final SessionTable sessions = new SessionTable();
    private final RequestDispatcher dispatcher;
    private final SwitchLinkSupervisor supervisor;
    private final HaPair ha;
    private final io.tandem.server.extend.ControlReplica control;
    private final io.tandem.server.agent.AgentDesk agents;
    private final Registrations registrations;
    private final DnDirectory directory;
    private final java.util.concurrent.atomic.AtomicInteger queuedFrames = new java.util.concurrent.atomic.AtomicInteger();
    /** Run-time DN changes being written (core thread). */
    private final java.util.Set<String> dnsChanging = new java.util.HashSet<>();
    /** Writes run-time configuration changes, in order, so that the core thread never waits for the database. */
    private final java.util.concurrent.ExecutorService persistence = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cti-persistence");
        t.setDaemon(true);
        return t;
    });
    private final ServiceReporter reporter;
    private final ServerMetrics metrics;
    private final AdminView adminView;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong nextSession = new AtomicLong();
    private volatile Status status = new Status(LinkState.CONNECTING, 0);

    /** A core for {@code config}, serving {@code dns}, reaching the switch through {@code connector}. */
    public CtiCore(TServerConfig config, List<TServerConfig.DnConfig> dns, SwitchConnector connector, ServerIdentity identity,
            HaSettings haSettings, Clock clock, Duration linkRetryMin, Duration linkRetryMax, ServerMetrics metrics) {
        this(config, dns, connector, identity, haSettings, clock, linkRetryMin, linkRetryMax, metrics,
                io.tandem.protocol.codec.ProtocolLimits.DEFAULT_MAX_USER_DATA_BYTES, io.tandem.server.extend.AddedDestinations.inMemory());
    }

    /**
     * As above, with {@code maxUserDataBytes} of UserData per call at most, recording the remote destinations it adds
     * in {@code added} (reconciled at the first link-up where this server acts on the switch).
     */
    public CtiCore(TServerConfig config, List<TServerConfig.DnConfig> dns, SwitchConnector connector, ServerIdentity identity,
            HaSettings haSettings, Clock clock, Duration linkRetryMin, Duration linkRetryMax, ServerMetrics metrics, int maxUserDataBytes,
            io.tandem.server.extend.AddedDestinations added) {
        this.metrics = metrics;
        this.thread = new io.tandem.common.concurrent.OwnerThread("cti-core", CORE_CAPACITY);
        this.outbound = new io.tandem.server.core.OutboundBatches(thread::nothingWaiting, System::nanoTime);
        thread.afterEachTask(outbound::afterTask);
        EventSender sender = new EventSender(clock, new io.tandem.server.core.SendObserver() {
            @Override
            public void sent(io.tandem.protocol.MessageType type, int copies) {
                metrics.sent(type, copies);
                changes.incrementAndGet();
            }

            @Override
            public void answered(long session, long referenceId, boolean error) {
                metrics.answered(session, referenceId, error);
            }
        });
        Registrations registrations = new Registrations();
        this.registrations = registrations;
        DnDirectory directory = new DnDirectory(dns);
        this.directory = directory;
        SwitchLinkSupervisor[] link = new SwitchLinkSupervisor[1];
        ServiceReporter reporter = new ServiceReporter(sender, registrations, () -> link[0].isUp());
        this.reporter = reporter;
        this.ha = HaPair.create(haSettings, identity.name(), clock, thread);
        RoleKeeper roles = ha.roles();
        ExtendAndConnect extendAndConnect = new ExtendAndConnect(() -> link[0].current(), roles::actsOnSwitch, roles::roleUnsettled, thread, sender,
                registrations, reporter, added);
        this.control = new io.tandem.server.extend.ControlReplica(directory, sessions::all, registrations, extendAndConnect, added, thread, haSettings.takeoverChunk());
        this.agents = new io.tandem.server.agent.AgentDesk(config.agents(), sender, registrations, thread, clock, roles::actsOnSwitch);
        reporter.setWatcher(dn -> {
            control.offer(dn);
            if (dn.reported() != null && !dn.reported().inService()) {
                agents.outOfService(dn.number());
            }
        });
        registrations.onUnregistered(agents::unregistered);
        io.tandem.server.dn.SnapshotParts snapshots = new io.tandem.server.dn.SnapshotParts();
        snapshots.add(agents);
        CallRegistry calls = new CallRegistry(clock);
        ha.replication().register(control);
        ha.replication().register(new io.tandem.server.call.CallReplica(calls));
        ha.replication().register(new io.tandem.server.agent.AgentReplica(agents));
        io.tandem.server.route.RoutingDesk routing = new io.tandem.server.route.RoutingDesk(config.routing(), calls, directory,
                registrations, sender, () -> link[0].current(), roles::actsOnSwitch, thread, clock);
        io.tandem.server.recording.RecordingDesk recordings = new io.tandem.server.recording.RecordingDesk(calls, registrations, sender,
                clock, roles::actsOnSwitch);
        io.tandem.server.recording.RecordingRequests recordingRequests = new io.tandem.server.recording.RecordingRequests(recordings, calls,
                directory, sender, () -> link[0].current(), thread);
        this.adminView = new AdminView(directory, reporter, sessions, registrations, calls, agents, routing, recordings, recordingRequests);
        PendingCallRequests pending = new PendingCallRequests();
        CallEvents callEvents = new CallEvents(calls, pending, sender, registrations);
        callEvents.onBusinessCallReleased(agents::businessCallReleased);
        LinkEvents linkEvents = new LinkEvents(directory, reporter, extendAndConnect, sessions, sender, callEvents);
        io.tandem.server.divert.Diversions diversions = new io.tandem.server.divert.Diversions(directory, sender, registrations);
        linkEvents.observe(diversions);
        snapshots.add(diversions);
        linkEvents.observe(routing);
        linkEvents.observe(recordings);
        this.recordings = recordings;
        ha.replication().register(new io.tandem.server.recording.RecordingReplica(recordings));
        io.tandem.server.monitor.MonitorDesk monitors = new io.tandem.server.monitor.MonitorDesk(calls, registrations, sender,
                () -> link[0].current(), roles::actsOnSwitch, thread);
        linkEvents.observe(monitors);
        callEvents.observe(monitors::callEvent);
        callEvents.extendWith(monitors::extensions);
        ha.replication().register(new io.tandem.server.monitor.MonitorReplica(monitors));
        adminView.showMonitorings(monitors);
        callEvents.observe(routing::callEvent);
        registrations.onRegistered(routing::registered);
        registrations.onUnregistered(routing::unregistered);
        this.supervisor = new SwitchLinkSupervisor(connector,
                new LinkCredentials(config.applicationUser(), config.applicationPassword()), thread,
                observed(linkEvents), linkRetryMin, linkRetryMax);
        link[0] = supervisor;
        metrics.watch(() -> supervisor.isUp(), ha::status);
        roles.attach(supervisor::current, new RoleKeeper.Listeners(role -> announceRole(sender, identity, role),
                role -> {
                    extendAndConnect.roleSettled(role == io.tandem.server.ha.HaRole.PRIMARY);
                    if (!roles.takingOver()) { // a takeover reconciles once it is done, off its burst
                        extendAndConnect.reconcileAdded(List.copyOf(directory.all()), control::isMirrored);
                    }
                    if (role == io.tandem.server.ha.HaRole.PRIMARY) {
                        agents.takeOver(); // the agents' timers run where the switch confirms the primary (restored ones too)
                        routing.takeOver();
                    } else {
                        routing.released();
                    }
                },
                () -> extendAndConnect.reconcileAdded(List.copyOf(directory.all()), control::isMirrored)));
        this.dispatcher = new RequestDispatcher(config, identity.withRole(() -> roles.reportedRole().wireName()), directory, registrations, sender,
                reporter, extendAndConnect, supervisor::isUp, calls, pending, supervisor::current, thread, roles::actsOnSwitch, clock,
                maxUserDataBytes, snapshots);
        new io.tandem.server.agent.AgentRequests(agents, directory, dn -> !calls.callsOf(dn).isEmpty()).registerIn(dispatcher.handlers());
        new io.tandem.server.divert.DiversionRequests(diversions, directory, sender, supervisor::current, thread).registerIn(dispatcher.handlers());
        new io.tandem.server.route.RouteRequests(routing, calls, directory, sender, supervisor::current, thread).registerIn(dispatcher.handlers());
        recordingRequests.registerIn(dispatcher.handlers());
        new io.tandem.server.monitor.MonitorRequests(monitors, calls, directory, sender, supervisor::current, thread).registerIn(dispatcher.handlers());
        new io.tandem.server.request.ServerQueries(identity.withRole(() -> roles.reportedRole().wireName()), sender, dispatcher.handlers(),
                connector::describe, () -> supervisor.state().name()).registerIn(dispatcher.handlers());
    }

    /** The requests this server handles and their declared preconditions. */
    public java.util.List<io.tandem.server.request.RequestHandlers.Route> requests() {
        return dispatcher.handlers().all();
    }

    /** Runs {@code query} over the admin view on the core thread. Any thread. */
    public <T> CompletableFuture<T> readAdmin(java.util.function.Function<AdminView, T> query) {
        return thread.admit(() -> query.apply(adminView));
    }

    /**
     * Adds DN {@code dn} at run time: refused if it is configured already; otherwise {@code record} writes the
     * change (the database) and the server serves the DN from then on. Completes with the DN as the console
     * shows it. Any thread.
     */
    public CompletableFuture<AdminView.DnRow> addDn(io.tandem.server.config.TServerConfig.DnConfig dn,
            java.util.function.Consumer<io.tandem.server.config.TServerConfig.DnConfig> record) {
        return thread.admit(() -> {
            if (directory.find(dn.number()).isPresent()) {
                throw new IllegalStateException("DN " + dn.number() + " is already configured");
            }
            if (!dnsChanging.add(dn.number())) {
                throw new IllegalStateException("DN " + dn.number() + " is being changed; try again");
            }
            return null;
        }).thenCompose(checked -> CompletableFuture.runAsync(() -> record.accept(dn), persistence).handleAsync((written, error) -> {
            dnsChanging.remove(dn.number());
            if (error != null) {
                throw failedWrite(error);
            }
            reporter.reconcile(directory.add(dn));
            changes.incrementAndGet();
            LOG.info("DN {} ({}) added at run time", dn.number(), dn.type());
            return adminView.dn(dn.number());
        }, thread));
    }

    /**
     * Removes DN {@code number} at run time: refused while a client is registered on it (it must unregister
     * first, so that nothing it relies on disappears under it); otherwise the server stops serving the DN and
     * {@code record} writes the change off the core thread; a failed write serves the DN again. Any thread.
     */
    public CompletableFuture<Void> removeDn(String number, java.util.function.Consumer<String> record) {
        return thread.admit(() -> {
            io.tandem.server.config.TServerConfig.DnConfig removed = directory.find(number).map(d -> new io.tandem.server.config.TServerConfig.DnConfig(
                    d.number(), d.type())).orElseThrow(() -> new java.util.NoSuchElementException("DN " + number + " is not configured on this server"));
            List<String> registered = registrations.registrants(number).stream().map(ClientSession::clientIdentity).toList();
            if (!registered.isEmpty()) {
                throw new IllegalStateException("DN " + number + " has registered clients (" + String.join(", ", registered)
                        + "); they must unregister it first");
            }
            directory.remove(number); // not served while the removal is written: nobody can register it meanwhile
            return removed;
        }).thenCompose(removed -> CompletableFuture.runAsync(() -> record.accept(number), persistence).handleAsync((written, error) -> {
            if (error != null) {
                reporter.reconcile(directory.add(removed));
                throw failedWrite(error);
            }
            changes.incrementAndGet();
            LOG.info("DN {} removed at run time", number);
            return null;
        }, thread));
    }

    /** The failure of a write on the persistence thread, as the answer to the change (its own cause, not a wrapper). */
    private static java.util.concurrent.CompletionException failedWrite(Throwable error) {
        return new java.util.concurrent.CompletionException(error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
    }

    /**
     * A number that grows whenever what the console shows may have changed: an event went to a client, a client
     * came or went, the switch link reported something, a DN was added or removed (the console's live feed).
     */
    public long changes() {
        return changes.get();
    }

    /** The core thread's scheduler (timers that must not block it). */
    public ScheduledExecutorService scheduler() {
        return thread;
    }

    /** The metrics this core records. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Brings the metrics' gauges up to date on the core thread; completes when done. Any thread. */
    public CompletableFuture<Void> refreshMetrics() {
        return CompletableFuture.runAsync(() -> {
            int registrationCount = 0;
            for (ClientSession session : sessions.all()) {
                registrationCount += session.registeredDns().size();
            }
            int extended = 0;
            for (io.tandem.server.dn.DirectoryNumber dn : directory.all()) {
                if (dn.terminal() != null && reporter.current(dn).remoteDest() != null) {
                    extended++;
                }
            }
            int ready = 0;
            int afterCallWork = 0;
            for (io.tandem.server.agent.Agent agent : agents.all()) {
                if (agent.state() == io.tandem.server.agent.AgentState.READY) {
                    ready++;
                } else if (agent.inWrapUp()) {
                    afterCallWork++;
                }
            }
            metrics.refresh(new ServerMetrics.CoreFigures(sessions.all().size(), registrationCount, extended, ready,
                    agents.all().size() - ready - afterCallWork, afterCallWork), sessions.all());
        }, thread);
    }

    /** Tells every registered client that this server's role changed (T-Library EventPrimaryChanged). */
    private void announceRole(EventSender sender, ServerIdentity identity, io.tandem.server.ha.HaRole role) {
        io.tandem.protocol.Message event = io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.EVENT_PRIMARY_CHANGED)
                .put(io.tandem.protocol.Attribute.SERVER, identity.name())
                .put(io.tandem.protocol.Attribute.SERVER_ROLE, role.wireName())
                .build();
        sessions.registered().forEach(session -> sender.send(session, event));
    }

    /** Keeps {@link #status()} current as the link changes. */
    private SwitchLinkSupervisor.Handler observed(SwitchLinkSupervisor.Handler handler) {
        return new SwitchLinkSupervisor.Handler() {
            @Override
            public void linkUp(io.tandem.switchlink.SwitchLink link) {
                ha.roles().linkUp(link);
                handler.linkUp(link);
                changes.incrementAndGet();
                refreshStatus();
            }

            @Override
            public void linkDown(String reason) {
                ha.roles().linkDown();
                handler.linkDown(reason);
                changes.incrementAndGet();
                refreshStatus();
            }

            @Override
            public void event(io.tandem.switchlink.SwitchEvent event) {
                handler.event(event);
                changes.incrementAndGet();
            }
        };
    }

    /** Starts opening the switch link. */
    public void start() {
        thread.execute(() -> {
            supervisor.start();
            refreshStatus();
        });
    }

    /** A client connected on {@code channel}. Any thread. */
    @Override
    public ClientSession connected(ClientChannel channel) {
        ClientSession session = new ClientSession(nextSession.incrementAndGet(), channel);
        thread.execute(() -> {
            sessions.add(session);
            changes.incrementAndGet();
            refreshStatus();
            LOG.debug("{} connected over {}", session, channel.transport());
        });
        return session;
    }

    /** A frame arrived from {@code session}. Any thread; frames of one session are handled in arrival order. */
    @Override
    public void received(ClientSession session, DecodeResult frame) {
        queuedFrames.incrementAndGet();
        if (session.frameQueued() == PAUSE_READING_AT) {
            session.channel().pauseReading();
        }
        thread.execute(() -> {
            queuedFrames.decrementAndGet();
            if (session.frameTaken() == RESUME_READING_AT) {
                session.channel().resumeReading();
            }
            if (frame instanceof DecodeResult.Decoded decoded) {
                decoded.message().referenceId().ifPresent(reference ->
                        metrics.requests().started(session.id(), reference, decoded.message().type()));
            }
            dispatcher.dispatch(session, frame);
        });
    }

    /**
     * A client with this many frames waiting for the core stops being read until the core has taken all but
     * {@link #RESUME_READING_AT} of them: a client that sends faster than the core handles fills its own socket
     * buffers, not the core's queue, and other clients keep their turn.
     */
    public static final int PAUSE_READING_AT = 256;
    /** See {@link #PAUSE_READING_AT}. */
    public static final int RESUME_READING_AT = 32;

    /** Tasks waiting for the core thread, of every kind (a gauge). */
    public int queuedTasks() {
        return thread.queued();
    }

    /** Work from HTTP refused because the core thread had {@link #CORE_CAPACITY} tasks waiting, since the start. */
    public long refusedTasks() {
        return thread.refused();
    }

    /** Client frames waiting for the core thread, over all clients (a gauge). */
    public int queuedFrames() {
        return queuedFrames.get();
    }

    @Override
    public io.tandem.server.core.OutboundBatches outbound() {
        return outbound;
    }

    /** The client broke the protocol beyond repair (oversized frame, binary data): tell it why and close. Any thread. */
    @Override
    public void protocolViolation(ClientSession session, String problem) {
        thread.execute(() -> {
            LOG.warn("closing {}: {}", session, problem);
            dispatcher.sendError(session, ErrorCode.BAD_PARAMETER, problem + "; closing the connection", null, null);
            session.channel().close(problem);
        });
    }

    /** The client disconnected; its registrations are undone as if it had unregistered each DN. Any thread. */
    @Override
    public void disconnected(ClientSession session, String reason) {
        thread.execute(() -> {
            session.close();
            sessions.remove(session);
            dispatcher.disconnected(session);
            metrics.clientGone(session);
            changes.incrementAndGet();
            refreshStatus();
            if (session.applicationName() != null) {
                LOG.info("{} disconnected: {}", session, reason);
            } else {
                // a connection that never registered (a probe, a flood) is not worth a line at INFO each
                LOG.debug("{} disconnected before registering: {}", session, reason);
            }
        });
    }

    /** This server's part in a primary/backup pair. */
    public HaPair ha() {
        return ha;
    }

    /** The configured DNs (core thread). */
    public DnDirectory directory() {
        return directory;
    }

    /** The recordings (core thread). */
    public io.tandem.server.recording.RecordingDesk recordings() {
        return recordings;
    }

    /** The agents (core thread). */
    public io.tandem.server.agent.AgentDesk agents() {
        return agents;
    }

    /** Who controls which remote terminal, and the mirror of the primary's (core thread). */
    public io.tandem.server.extend.ControlReplica terminalControl() {
        return control;
    }

    /** Operator switchover (see {@link RoleKeeper#switchover()}); any thread. */
    public CompletableFuture<String> switchover() {
        return thread.admit(ha.roles()::switchover).thenCompose(f -> f);
    }

    /** Health figures; any thread. */
    public Status status() {
        return status;
    }

    private void refreshStatus() {
        status = new Status(supervisor.state(), sessions.all().size());
    }

    /** The identities of the clients registered on {@code dn} (ClientIdentity, or ApplicationName), read on the core thread. */
    public List<String> registrants(String dn) {
        return onCoreThread(() -> registrations.registrants(dn).stream()
                .map(ClientSession::clientIdentity).toList()).join();
    }

    /** Runs {@code work} on the core thread (tests and diagnostics). */
    public <T> CompletableFuture<T> onCoreThread(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }

    private final java.util.List<AutoCloseable> closeLater = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Closes {@code resource} when the core closes. */
    public void closeLater(AutoCloseable resource) {
        closeLater.add(resource);
    }

    /** Closes the switch link and stops the core thread. */
    @Override
    public void close() {
        for (AutoCloseable resource : closeLater) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resource, e.toString());
            }
        }
        persistence.shutdown();
        try {
            CompletableFuture.runAsync(supervisor::stop, thread).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping the switch link: {}", e.toString());
        }
        thread.shutdownNow();
    }
}
