package io.tandem.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.http.HttpServer;
import io.tandem.common.http.Router;
import io.tandem.common.http.WebSocketEndpoint;
import io.tandem.common.metrics.MetricsEndpoint;
import io.tandem.protocol.codec.MessageDecoder;
import io.tandem.server.admin.AdminApi;
import io.tandem.server.admin.ConsoleAccess;
import io.tandem.server.admin.ConsoleFiles;
import io.tandem.server.admin.LiveFeed;
import io.tandem.server.admin.SwitchConsole;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.http.HaApi;
import io.tandem.server.http.HealthApi;
import io.tandem.server.metrics.ServerMetrics;
import io.tandem.server.request.ServerIdentity;
import io.tandem.server.store.TServerStore;
import io.tandem.server.transport.CtiTcpServer;
import io.tandem.server.transport.CtiWebSocketHandler;
import io.tandem.switchlink.SwitchConnector;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running CTI server: the core, the CTI port (TCP) and the HTTP port (health, WebSocket on {@code /cti},
 * and any extra routes such as the embedded switch's control API).
 */
public final class TServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TServer.class);

    /** The Tandem version. */
    public static final String VERSION = "0.1.0";

    private final CtiCore core;
    private final CtiTcpServer cti;
    private final HttpServer http;
    private final Router routes;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private TServer(CtiCore core, CtiTcpServer cti, HttpServer http, Router routes, EventLoopGroup boss, EventLoopGroup workers) {
        this.core = core;
        this.cti = cti;
        this.http = http;
        this.routes = routes;
        this.boss = boss;
        this.workers = workers;
    }

    /**
     * Imports the DNs of {@code config} into {@code database}, starts the core (which opens the switch link
     * through {@code connector}), then the CTI and HTTP ports.
     */
    public static TServer start(TServerSettings settings, TServerConfig config, Database database, SwitchConnector connector,
            Router extraRoutes) throws InterruptedException {
        return start(settings, config, database, connector, extraRoutes, MetricsEndpoint.newRegistry(), Optional.empty());
    }

    /**
     * As {@link #start(TServerSettings, TServerConfig, Database, SwitchConnector, Router)}, recording metrics
     * into {@code registry} (shared with the embedded switch in the all-in-one server) and serving them at
     * {@code GET /metrics}.
     */
    public static TServer start(TServerSettings settings, TServerConfig config, Database database, SwitchConnector connector,
            Router extraRoutes, PrometheusMeterRegistry registry, Optional<SwitchConsole> switchConsole) throws InterruptedException {
        TServerStore store = new TServerStore(database);
        store.importDns(config.dns());
        List<TServerConfig.DnConfig> dns = store.loadDns();
        ServerIdentity identity = ServerIdentity.fixed(settings.name(), VERSION, settings.ha().role().wireName());
        io.tandem.server.store.StoredAddedDestinations added = new io.tandem.server.store.StoredAddedDestinations(store);
        CtiCore core = new CtiCore(config, dns, connector, identity, settings.ha(), settings.clock(), settings.linkRetryMin(),
                settings.linkRetryMax(),
                new ServerMetrics(registry), settings.limits().maxUserDataBytes(), added);
        core.closeLater(added);
        io.tandem.server.store.StoredAgents storedAgents = new io.tandem.server.store.StoredAgents(store);
        java.util.List<io.tandem.server.agent.Agent> restored;
        if (config.agents().logoutOnUnregister()) {
            storedAgents.clear(); // the clients that had them logged in are gone: so are their agents
            restored = java.util.List.of();
        } else {
            restored = storedAgents.load();
        }
        core.onCoreThread(() -> {
            core.agents().persistTo(storedAgents);
            core.agents().restore(restored);
            return null;
        }).join();
        core.closeLater(storedAgents);
        io.tandem.server.store.StoredRecordings storedRecordings = new io.tandem.server.store.StoredRecordings(database);
        core.onCoreThread(() -> {
            core.recordings().logTo(storedRecordings, dn -> core.agents().onDn(dn).map(io.tandem.server.agent.Agent::agentId).orElse(null),
                    dn -> core.directory().find(dn).map(io.tandem.server.dn.DirectoryNumber::emUser).orElse(null));
            return null;
        }).join();
        core.closeLater(storedRecordings);
        io.micrometer.core.instrument.Gauge.builder("tandem.core.queued.frames", core::queuedFrames)
                .description("client frames waiting for the core thread (a client with 256 waiting is not read until 32 remain)")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("tandem.core.queued.tasks", core::queuedTasks)
                .description("tasks waiting for the core thread; above " + CtiCore.CORE_CAPACITY + " work from HTTP is refused with 503")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("tandem.core.refused.tasks", core, CtiCore::refusedTasks)
                .description("work from HTTP refused because the core thread's queue was full").register(registry);
        io.micrometer.core.instrument.Gauge.builder("tandem.added.destination.changes.unwritten", added::unwritten)
                .description("changes to the record of remote destinations this server added, not yet in the database").register(registry);
        java.util.Optional<io.netty.handler.ssl.SslContext> serverTls = settings.security().tls().server();
        java.util.Optional<io.netty.handler.ssl.SslContext> clientTls = settings.security().tls().client();
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        try {
            core.ha().start(settings.host(), boss, workers, serverTls.orElse(null), clientTls.orElse(null));
            core.start();
            CtiTcpServer cti = CtiTcpServer.start(core, settings.host(), settings.ctiPort(), settings.limits(), settings.security().cti(),
                    serverTls.orElse(null), boss, workers);
            MessageDecoder decoder = new MessageDecoder(settings.limits());
            ConsoleAccess access = new ConsoleAccess(config.consoleUsers(), settings.clock(), serverTls.isPresent());
            List<java.util.function.LongSupplier> versions = new java.util.ArrayList<>(List.of(core::changes));
            switchConsole.ifPresent(sc -> versions.add(sc::version));
            LiveFeed live = new LiveFeed(versions, core.scheduler());
            core.closeLater(live);
            HealthApi.Source health = healthSource(core);
            Router routes = new Router().addAll(HealthApi.routes(health, identity)).addAll(HaApi.routes(core::switchover))
                    .addAll(MetricsEndpoint.routes(registry, core::refreshMetrics))
                    .addAll(access.routes())
                    .addAll(AdminApi.routes(access, coreReader(core), () -> HealthApi.report(health, identity), switchConsole,
                            dnConfigurator(core, store, settings.clock())))
                    .addAll(ConsoleFiles.routes())
                    .addAll(extraRoutes);
            // one access decision for every protected route: the admin API, the HA API and the embedded switch's control API
            routes.authorizer(access.authorizer());
            if (!access.hasUsers()) {
                LOG.info("no console users configured: the web console, /api/admin, /api/switch and /api/ha refuse everyone (see docs/admin-api.md)");
            }
            HttpServer http = HttpServer.start(settings.host(), settings.httpPort(), routes,
                    List.of(new WebSocketEndpoint(CtiWebSocketHandler.PATH, settings.limits().maxFrameBytes(), settings.limits().maxQueuedBytes(),
                            () -> new CtiWebSocketHandler(core, decoder, settings.security().cti().authenticationDeadline())), live.endpoint(access)),
                    HttpServer.Options.DEFAULT.withLimits(settings.security().http()).withAllowedOrigins(settings.security().allowedOrigins())
                            .withTls(serverTls.orElse(null)),
                    boss, workers);
            ExposureCheck.warnings(settings.host(), config).forEach(LOG::warn);
            LOG.info("Tandem CTI server '{}' ({}) accepting clients: CTI port {}, HTTP port {}, {} DNs, switch: {}",
                    settings.name(), settings.ha().role().wireName(), cti.port(), http.port(), dns.size(), connector.describe());
            return new TServer(core, cti, http, routes, boss, workers);
        } catch (InterruptedException | RuntimeException e) {
            core.close();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static HealthApi.Source healthSource(CtiCore core) {
        return new HealthApi.Source() {
            @Override
            public io.tandem.server.link.LinkState linkState() {
                return core.status().linkState();
            }

            @Override
            public int clients() {
                return core.status().clients();
            }

            @Override
            public io.tandem.server.ha.SyncLinkStatus ha() {
                return core.ha().status();
            }
        };
    }

    private static AdminApi.CoreReader coreReader(CtiCore core) {
        return new AdminApi.CoreReader() {
            @Override
            public <T> java.util.concurrent.CompletableFuture<T> read(java.util.function.Function<io.tandem.server.admin.AdminView, T> query) {
                return core.readAdmin(query);
            }

            @Override
            public long version() {
                return core.changes();
            }
        };
    }

    /** Run-time DN changes: checked and applied on the core thread, written to {@code store} in between. */
    private static AdminApi.DnConfigurator dnConfigurator(CtiCore core, TServerStore store, java.time.Clock clock) {
        return new AdminApi.DnConfigurator() {
            @Override
            public java.util.concurrent.CompletableFuture<io.tandem.server.admin.AdminView.DnRow> add(TServerConfig.DnConfig dn) {
                return core.addDn(dn, added -> store.dnAdded(added, clock.millis()));
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> remove(String number) {
                return core.removeDn(number, removed -> store.dnRemoved(removed, clock.millis()));
            }
        };
    }

    /** Every HTTP route as {@code METHOD /pattern ACCESS} (for checking that nothing is public by mistake). */
    public List<String> httpRoutes() {
        return routes.describeAccess();
    }

    /** The CTI port's connection counts. */
    public io.tandem.common.net.ConnectionLimiter ctiConnections() {
        return cti.connections();
    }

    /** The HTTP port's connection counts. */
    public io.tandem.common.net.ConnectionLimiter httpConnections() {
        return http.connections();
    }

    /** The CTI (TCP) port. */
    public int ctiPort() {
        return cti.port();
    }

    /** The HTTP port. */
    public int httpPort() {
        return http.port();
    }

    /** The port of the synchronization link, or -1 for a standalone server. */
    public int syncPort() {
        return core.ha().syncPort();
    }

    /** The core. */
    public CtiCore core() {
        return core;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cti.close();
        http.close();
        core.ha().close();
        core.close();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Tandem CTI server stopped");
    }
}
