package io.tandem.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.common.config.ConfigMap;
import io.tandem.common.config.ConfigNode;
import io.tandem.common.config.ConfigProblems;
import io.tandem.common.config.YamlConfigReader;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.Router;
import io.tandem.protocol.codec.ProtocolLimits;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.config.TServerConfigParser;
import io.tandem.server.ha.HaRole;
import io.tandem.server.ha.HaSettings;
import io.tandem.server.link.LinkState;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.config.SwitchConfig;
import io.tandem.ucm.config.SwitchConfigParser;
import io.tandem.ucm.control.SwitchControlApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An all-in-one Tandem on loopback for tests: the embedded switch and a CTI server on free ports, a
 * database (private in-memory H2 unless given), and helpers to connect clients and call the switch
 * control API over real HTTP.
 */
public final class TandemHarness implements AutoCloseable {

    /** How long tests wait for an event. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed test configuration. */
    public record Config(SwitchConfig switchConfig, TServerConfig tserverConfig) {
    }

    /**
     * A connected test client and the events it received.
     *
     * @param client the client
     * @param events its events
     */
    public record Agent(TandemClient client, EventCollector events) {

        /** Sends {@code request} with ReferenceID 77 and returns the next event this client receives (its answer). */
        public io.tandem.protocol.Message answer(io.tandem.protocol.Message request) {
            client.send(request.with(io.tandem.protocol.Attribute.REFERENCE_ID, 77L));
            return events.next(WAIT);
        }
    }

    /** A client registered as {@code application} on {@code dn}, its EventRegistered consumed. */
    public Agent registered(String application, String dn) {
        Agent agent = agent(application);
        agent.client().registerAddress(dn).join();
        Events.expect(agent.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_REGISTERED, dn);
        return agent;
    }

    private final Database database;
    private final EmbeddedSwitch sw;
    private final TServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<TandemClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    private TServerConfig tserverConfig = loadConfig("/test-config.yaml").tserverConfig();

    private TandemHarness(Database database, EmbeddedSwitch sw, TServer server) {
        this.database = database;
        this.sw = sw;
        this.server = server;
    }

    /** Starts on a private in-memory H2 database with the test configuration. */
    public static TandemHarness start() {
        return start(DatabaseSettings.h2Memory("t" + UUID.randomUUID().toString().replace("-", "")));
    }

    /** Starts on the given database with the test configuration. */
    public static TandemHarness start(DatabaseSettings db) {
        return start(db, HaSettings.standalone());
    }

    /** Starts with the test configuration, the CTI server taking part in a pair as {@code ha} says. */
    public static TandemHarness start(HaSettings ha) {
        return start(DatabaseSettings.h2Memory("t" + UUID.randomUUID().toString().replace("-", "")), ha);
    }

    /**
     * Starts the primary of a pair (heartbeat every {@code interval}, peer lost after {@code timeout}, the test sync
     * secret) and waits until it holds the switch's primary role; {@link #startBackup} adds its backup.
     */
    public static TandemHarness startPrimary(Duration interval, Duration timeout) {
        TandemHarness t = start(HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(interval, timeout).withSecret(SYNC_SECRET));
        await().atMost(WAIT).until(() -> t.server().core().ha().status().holdsPrimaryRole());
        return t;
    }

    /** Starts the backup of this harness's server (a primary) on the same switch, with the same heartbeat. */
    public TServer startBackup(Duration interval, Duration timeout) {
        return startPeer(HaSettings.pair(HaRole.BACKUP, 0, "127.0.0.1", server().syncPort()).withHeartbeat(interval, timeout)
                .withSecret(SYNC_SECRET));
    }

    /** Starts in a pair as {@code ha} says, with the test configuration changed by {@code adjust} (peers get the same). */
    public static TandemHarness start(HaSettings ha, java.util.function.UnaryOperator<TServerConfig> adjust) {
        return start(DatabaseSettings.h2Memory("t" + UUID.randomUUID().toString().replace("-", "")), ha, adjust);
    }

    /** Starts with the test configuration changed by {@code adjust} (for example other agent settings). */
    public static TandemHarness start(java.util.function.UnaryOperator<TServerConfig> adjust) {
        return start(DatabaseSettings.h2Memory("t" + UUID.randomUUID().toString().replace("-", "")), HaSettings.standalone(), adjust);
    }

    private static TandemHarness start(DatabaseSettings db, HaSettings ha) {
        return start(db, ha, c -> c);
    }

    private static TandemHarness start(DatabaseSettings db, HaSettings ha, java.util.function.UnaryOperator<TServerConfig> adjust) {
        Config loaded = loadConfig("/test-config.yaml");
        Config config = new Config(loaded.switchConfig(), adjust.apply(loaded.tserverConfig()));
        Database database = Database.open(db, "test");
        EmbeddedSwitch sw = EmbeddedSwitch.start(config.switchConfig(), database);
        TServer server = startServer(config.tserverConfig(), database, sw, SwitchControlApi.routes(sw), ProtocolLimits.DEFAULT, ha);
        TandemHarness harness = new TandemHarness(database, sw, server);
        harness.tserverConfig = config.tserverConfig();
        harness.awaitLinkUp();
        return harness;
    }

    /** Starts a CTI server on free loopback ports. */
    public static TServer startServer(TServerConfig config, Database database, SwitchConnector connector, Router extra) {
        return startServer(config, database, connector, extra, ProtocolLimits.DEFAULT);
    }

    /** Starts a CTI server on free loopback ports with the given protocol limits. */
    public static TServer startServer(TServerConfig config, Database database, SwitchConnector connector, Router extra,
            ProtocolLimits limits) {
        return startServer(config, database, connector, extra, limits, HaSettings.standalone());
    }

    /** Starts a CTI server on free loopback ports, in a pair as {@code ha} says. */
    public static TServer startServer(TServerConfig config, Database database, SwitchConnector connector, Router extra,
            ProtocolLimits limits, HaSettings ha) {
        return startServer(config, database, connector, extra, limits, ha, 0);
    }

    /** Starts a CTI server on loopback with CTI port {@code ctiPort} (0: any free one), in a pair as {@code ha} says. */
    public static TServer startServer(TServerConfig config, Database database, SwitchConnector connector, Router extra,
            ProtocolLimits limits, HaSettings ha, int ctiPort) {
        return startServer(config, database, connector, extra, new TServerSettings("127.0.0.1", ctiPort, 0, "test-" + ha.role().wireName(),
                ha, limits, Duration.ofMillis(100), Duration.ofMillis(400), Clock.systemUTC()));
    }

    /** Starts a CTI server with {@code settings}. */
    public static TServer startServer(TServerConfig config, Database database, SwitchConnector connector, Router extra,
            TServerSettings settings) {
        try {
            return TServer.start(settings, config, database, connector, extra);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Parses a configuration resource with the real parsers. */
    public static Config loadConfig(String resource) {
        try (InputStream in = TandemHarness.class.getResourceAsStream(resource)) {
            ConfigNode root = YamlConfigReader.read(in, resource);
            ConfigProblems problems = new ConfigProblems(resource);
            ConfigMap map = ConfigMap.of(root, problems, "").orElseThrow();
            SwitchConfig sc = SwitchConfigParser.parse(map.map("switch", "switch").orElseThrow());
            TServerConfig tc = TServerConfigParser.parse(map.map("tserver", "tserver").orElseThrow());
            problems.throwIfAny();
            return new Config(sc, tc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the CTI server's switch link is up. */
    public void awaitLinkUp() {
        await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
    }

    /** The embedded switch. */
    public EmbeddedSwitch sw() {
        return sw;
    }

    /** The CTI server. */
    public TServer server() {
        return server;
    }

    /** The database. */
    public Database database() {
        return database;
    }

    /** Connects a client over TCP, registers it as {@code application}, and consumes EventServerConnected/EventLinkConnected. */
    public Agent agent(String application) {
        return agent(ClientOptions.tcp("127.0.0.1", server.ctiPort(), application));
    }

    /** Connects a client over WebSocket. */
    public Agent webSocketAgent(String application) {
        return agent(ClientOptions.webSocket("127.0.0.1", server.httpPort(), application));
    }

    /** Connects a client to another CTI server {@code other} (a backup on the same switch). */
    public Agent agentOn(TServer other, String application) {
        return agent(ClientOptions.tcp("127.0.0.1", other.ctiPort(), application));
    }

    /**
     * Starts a second CTI server on this harness's switch, with its own database, in a pair as {@code ha}
     * says; its HTTP port serves the switch control API too.
     */
    public TServer startPeer(HaSettings ha) {
        return startPeer(ha, 0);
    }

    /** As {@link #startPeer(HaSettings)}, on CTI port {@code ctiPort} (0: any free one). */
    public TServer startPeer(HaSettings ha, int ctiPort) {
        Database peerDb = Database.open(DatabaseSettings.h2Memory("p" + UUID.randomUUID().toString().replace("-", "")), "peer");
        TServer peer = startServer(tserverConfig, peerDb, sw, SwitchControlApi.routes(sw),
                ProtocolLimits.DEFAULT, ha, ctiPort);
        closeLater.add(0, peer);
        closeLater.add(peerDb);
        peerDatabases.put(peer, peerDb);
        await().atMost(WAIT).until(() -> peer.core().status().linkState() == LinkState.UP);
        return peer;
    }

    private final java.util.Map<TServer, Database> peerDatabases = new java.util.IdentityHashMap<>();

    /**
     * The remote destinations {@code server} (this harness's server or a peer) has recorded as added by it, as
     * "device number" texts in device and number order.
     */
    public List<String> recordedAddedDestinations(TServer server) {
        Database db = server == this.server ? database : peerDatabases.get(server);
        return new io.tandem.server.store.TServerStore(db).addedDestinations().stream().map(r -> r[0] + " " + r[1]).toList();
    }

    /** GET {@code path} on another server's HTTP port. */
    public HttpResult getFrom(TServer other, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.httpPort() + path)).GET().build());
    }

    /** POST with an empty body on another server's HTTP port. */
    public HttpResult postTo(TServer other, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private Agent agent(ClientOptions options) {
        EventCollector events = new EventCollector();
        TandemClient client = TandemClient.connectUnregistered(options);
        clients.add(client);
        client.addListener(events);
        client.request(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.REQUEST_REGISTER_CLIENT)
                .put(io.tandem.protocol.Attribute.APPLICATION_NAME, options.applicationName()).build()).join();
        events.next(io.tandem.protocol.MessageType.EVENT_SERVER_CONNECTED, WAIT);
        events.next(io.tandem.protocol.MessageType.EVENT_LINK_CONNECTED, WAIT);
        return new Agent(client, events);
    }

    /** A raw client that has not sent RequestRegisterClient. */
    public Agent unregisteredAgent() {
        EventCollector events = new EventCollector();
        TandemClient client = TandemClient.connectUnregistered(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "raw"));
        clients.add(client);
        client.addListener(events);
        return new Agent(client, events);
    }

    /** GET on the HTTP port; returns status and JSON body. */
    public HttpResult get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POST a JSON body on the HTTP port. */
    public HttpResult post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    /** The shared secret of the test pairs' sync link. */
    public static final String SYNC_SECRET = "test-pair-shared-secret";

    /** HTTP Basic credentials of the test configuration's admin console user ({@code ops}). */
    public static final String OPS = "Basic " + java.util.Base64.getEncoder().encodeToString(
            "ops:s3cret-admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private HttpResult send(HttpRequest request) {
        try {
            HttpRequest authenticated = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", OPS).build();
            HttpResponse<String> response = http.send(authenticated, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param body the JSON body
     */
    public record HttpResult(int status, JsonNode body) {
    }

    /** The switch control API view of a device. */
    public JsonNode device(String name) {
        return get("/api/switch/devices/" + name).body();
    }

    @Override
    public void close() {
        clients.forEach(TandemClient::close);
        for (AutoCloseable c : closeLater) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        server.close();
        sw.close();
        database.close();
    }
}
