package io.tandem.app;

import io.tandem.common.db.Database;
import io.tandem.common.http.Router;
import io.tandem.common.metrics.MetricsEndpoint;
import io.tandem.server.admin.SwitchConsole;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.protocol.codec.ProtocolLimits;
import io.tandem.server.TServer;
import io.tandem.server.TServerSettings;
import io.tandem.server.ha.HaRole;
import io.tandem.server.ha.HaSettings;
import io.tandem.server.config.TServerConfig;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.wire.RemoteSwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.control.SwitchControlApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./tandem server}: the CTI server, all-in-one with the embedded switch, or on a separate switch. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start a CTI server.",
            "Without --switch: all-in-one, with the embedded switch in the same process.",
            "With --switch HOST:PORT: open the switch link of a switch started with './tandem switch'."})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: the bundled demo configuration)")
    Path config;

    @Option(names = "--bind", paramLabel = "HOST",
            description = "address to listen on, for every port (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for all interfaces)")
    String bind = "127.0.0.1";

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "a browser origin besides this server's own that may send changes and open WebSockets (repeatable)")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "certificate chain for TLS on the CTI, HTTP and sync ports")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "the certificate's PKCS#8 private key")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM",
            description = "certificates trusted for the switch link (--switch) and the sync link to the peer; given, both use TLS")
    Path tlsCa;

    @Option(names = "--max-connections", paramLabel = "N", description = "CTI connections at once (default: ${DEFAULT-VALUE})")
    int maxConnections = io.tandem.common.net.ConnectionLimits.CTI.maxConnections();

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "CTI connections at once from one address (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerAddress = io.tandem.common.net.ConnectionLimits.CTI.maxPerAddress();

    @Option(names = "--cti-port", paramLabel = "PORT", description = "client protocol port, JSON lines over TCP (default: ${DEFAULT-VALUE})")
    int ctiPort = 7000;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port: health, WebSocket /cti, switch control API (default: ${DEFAULT-VALUE})")
    int httpPort = 8080;

    @Option(names = "--switch", paramLabel = "HOST:PORT", description = "use a separately running switch instead of the embedded one")
    String switchAddress;

    @Option(names = "--app-user", paramLabel = "NAME", description = "switch application user (default: from the tserver section)")
    String appUser;

    @Option(names = "--app-password", paramLabel = "PW", description = "switch application user's password")
    String appPassword;

    @Option(names = "--name", paramLabel = "NAME", description = "server name reported to clients (default: ${DEFAULT-VALUE})")
    String name = "tandem";

    @Option(names = "--max-message-bytes", paramLabel = "BYTES", description = "largest client message (default: ${DEFAULT-VALUE})")
    int maxMessageBytes = ProtocolLimits.DEFAULT.maxFrameBytes();

    @Option(names = "--max-user-data-bytes", paramLabel = "BYTES",
            description = "largest UserData of one call, as JSON (default: ${DEFAULT-VALUE})")
    int maxUserDataBytes = ProtocolLimits.DEFAULT_MAX_USER_DATA_BYTES;

    @Option(names = "--role", paramLabel = "ROLE", description = "primary or backup, in a pair with --peer (default: ${DEFAULT-VALUE})")
    String role = "primary";

    @Option(names = "--sync-port", paramLabel = "PORT", description = "port of the primary-to-backup synchronization link (default: none, standalone)")
    Integer syncPort;

    @Option(names = "--peer", paramLabel = "HOST:PORT", description = "the other server's sync port (needs --sync-port)")
    String peer;

    @Option(names = "--sync-secret-file", paramLabel = "FILE",
            description = "file holding the pair's shared secret for the sync link (default: $TANDEM_SYNC_SECRET); required with --sync-port")
    Path syncSecretFile;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "sync link heartbeat interval (default: ${DEFAULT-VALUE})")
    long heartbeatMs = HaSettings.DEFAULT_HEARTBEAT.toMillis();

    @Option(names = "--heartbeat-timeout-ms", paramLabel = "MS", description = "a silent peer is dropped after this (default: ${DEFAULT-VALUE})")
    long heartbeatTimeoutMs = HaSettings.DEFAULT_TIMEOUT.toMillis();

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() throws Exception {
        HaSettings ha = haSettings();
        ProtocolLimits limits = protocolLimits();
        io.tandem.server.PortSecurity security = portSecurity();
        TandemConfigFile file = TandemConfigFile.load(config);
        TServerConfig tserver = file.requireTServer();
        if (appUser != null || appPassword != null) {
            tserver = tserver.withSwitchCredentials(appUser != null ? appUser : tserver.applicationUser(),
                    appPassword != null ? appPassword : tserver.applicationPassword());
        }
        List<AutoCloseable> resources = new ArrayList<>();
        Database db = Database.open(database.settings(switchAddress == null ? "tandem" : "tserver-" + ctiPort), "tandem-db");
        resources.add(db);
        SwitchConnector connector;
        PrometheusMeterRegistry metrics = MetricsEndpoint.newRegistry();
        Optional<SwitchConsole> switchConsole = Optional.empty();
        Router extra = new Router();
        if (switchAddress == null) {
            EmbeddedSwitch sw = EmbeddedSwitch.start(file.requireSwitch(), db);
            resources.add(0, sw);
            connector = sw;
            extra = SwitchControlApi.routes(sw, metrics);
            switchConsole = Optional.of(new EmbeddedSwitchConsole(sw));
        } else {
            RemoteSwitchConnector remote = remoteConnector(switchAddress, security.tls().client().orElse(null));
            resources.add(0, remote);
            connector = remote;
        }
        TServerSettings settings = new TServerSettings(bind, ctiPort, httpPort, name, ha,
                limits,
                Duration.ofMillis(500), Duration.ofSeconds(5), Clock.systemUTC()).withSecurity(security);
        TServer server;
        try {
            server = TServer.start(settings, tserver, db, connector, extra, metrics, switchConsole);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw new StartupException("cannot listen on " + bind + " ports " + ctiPort + "/" + httpPort + ": " + e.getMessage(), e);
        }
        resources.add(0, server);
        System.out.printf("Tandem is up: CTI port %d (JSON lines), HTTP http://localhost:%d/api/health, WebSocket ws://localhost:%d/cti, config %s%n",
                server.ctiPort(), server.httpPort(), server.httpPort(), file.source());
        awaitShutdown(resources);
        return 0;
    }

    private ProtocolLimits protocolLimits() {
        try {
            return ProtocolLimits.DEFAULT.withMaxFrameBytes(maxMessageBytes).withMaxUserDataBytes(maxUserDataBytes);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private io.tandem.server.PortSecurity portSecurity() {
        try {
            return io.tandem.server.PortSecurity.DEFAULT
                    .withCti(io.tandem.common.net.ConnectionLimits.CTI.withConnections(maxConnections, maxConnectionsPerAddress))
                    .withAllowedOrigins(new java.util.HashSet<>(allowedOrigins))
                    .withTls(tls());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private io.tandem.common.net.TlsConfig tls() {
        try {
            io.tandem.common.net.TlsConfig tls = new io.tandem.common.net.TlsConfig(tlsCert, tlsKey, tlsCa);
            tls.server(); // a certificate or key that cannot be used stops start-up here, before anything is opened
            tls.client();
            return tls;
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private HaSettings haSettings() {
        HaRole haRole;
        try {
            haRole = HaRole.parse(role);
        } catch (IllegalArgumentException e) {
            throw new StartupException("--role: " + e.getMessage(), e);
        }
        if (syncPort == null) {
            if (peer != null || haRole == HaRole.BACKUP) {
                throw new StartupException("--peer and --role backup need --sync-port (the port of this server's synchronization link)", null);
            }
            return HaSettings.standalone();
        }
        String peerHost = null;
        int peerPort = 0;
        if (peer != null) {
            HostPort address = HostPort.parse("--peer", peer);
            peerHost = address.host();
            peerPort = address.port();
        } else if (haRole == HaRole.BACKUP) {
            throw new StartupException("--role backup needs --peer HOST:PORT (the primary's sync port)", null);
        }
        try {
            return HaSettings.pair(haRole, syncPort, peerHost, peerPort)
                    .withHeartbeat(Duration.ofMillis(heartbeatMs), Duration.ofMillis(heartbeatTimeoutMs)).withSecret(syncSecret());
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private String syncSecret() {
        String secret;
        if (syncSecretFile != null) {
            try {
                secret = java.nio.file.Files.readString(syncSecretFile).strip();
            } catch (java.io.IOException e) {
                throw new StartupException("--sync-secret-file: cannot read " + syncSecretFile + ": " + e.getMessage(), e);
            }
        } else {
            secret = System.getenv("TANDEM_SYNC_SECRET");
        }
        if (secret == null || secret.isBlank()) {
            throw new StartupException("--sync-port needs the pair's shared secret: --sync-secret-file FILE or TANDEM_SYNC_SECRET"
                    + " (the same on both servers, at least " + HaSettings.MIN_SECRET_LENGTH + " characters)", null);
        }
        return secret;
    }

    static RemoteSwitchConnector remoteConnector(String address, io.netty.handler.ssl.SslContext tls) {
        HostPort hp = HostPort.parse("--switch", address);
        return new RemoteSwitchConnector(hp.host(), hp.port(), Duration.ofSeconds(1), tls);
    }

    /** A HOST:PORT option value. */
    record HostPort(String host, int port) {

        static HostPort parse(String option, String text) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon <= 0) {
                    throw new IllegalArgumentException("no host");
                }
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("port out of range");
                }
                return new HostPort(text.substring(0, colon), port);
            } catch (IllegalArgumentException e) {
                throw new StartupException(option + " must be HOST:PORT, was '" + text + "'", e);
            }
        }
    }

    /** Blocks until the process is asked to stop, then closes {@code resources} in order. */
    static void awaitShutdown(List<AutoCloseable> resources) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(resources);
            stopped.countDown();
        }, "tandem-shutdown"));
        stopped.await();
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }
}
