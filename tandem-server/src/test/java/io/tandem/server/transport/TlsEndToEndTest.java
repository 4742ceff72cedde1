package io.tandem.server.transport;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.HotStandbyClient;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.net.ConnectionLimits;
import io.tandem.common.net.TestCertificates;
import io.tandem.common.net.TlsConfig;
import io.tandem.server.PortSecurity;
import io.tandem.server.TServer;
import io.tandem.server.TServerSettings;
import io.tandem.server.TandemHarness;
import io.tandem.server.ha.HaRole;
import io.tandem.server.ha.HaSettings;
import io.tandem.server.ha.SyncState;
import io.tandem.switchlink.wire.RemoteSwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.link.LinkServer;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on all four links (security-probe D14): the switch link, a primary/backup pair's sync link, the CTI port (a
 * HotStandbyClient over both servers) and the HTTP port (HTTPS, the {@code Secure} cookie, {@code wss://} clients), with a
 * CA made in the test. A client that does not trust the CA, or speaks plain TCP, gets nothing.
 */
class TlsEndToEndTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestCertificates.Files files;
    private TServer primary;
    private TServer backup;

    @BeforeEach
    void start() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "tandem");
        files = ca.server("tandem-server");
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        Database switchDb = Database.open(DatabaseSettings.h2Memory("tls-switch" + System.nanoTime()), "switch");
        open.add(0, switchDb);
        EmbeddedSwitch sw = EmbeddedSwitch.start(config.switchConfig(), switchDb);
        open.add(0, sw);
        NioEventLoopGroup group = new NioEventLoopGroup(2);
        open.add(0, () -> group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly());
        TlsConfig tls = new TlsConfig(files.chain(), files.key(), files.ca());
        LinkServer links = LinkServer.start(sw.links(), "127.0.0.1", 0, Duration.ofSeconds(1), ConnectionLimits.LINK, Clock.systemUTC(),
                tls.server().orElseThrow(), group, group);
        open.add(0, links);

        primary = server(config, tls, links.port(), HaSettings.pair(HaRole.PRIMARY, 0, null, 0));
        await().atMost(WAIT).until(() -> primary.core().ha().status().holdsPrimaryRole());
        backup = server(config, tls, links.port(), HaSettings.pair(HaRole.BACKUP, 0, "localhost", primary.syncPort()));
        await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.IN_SYNC);
    }

    private TServer server(TandemHarness.Config config, TlsConfig tls, int linkPort, HaSettings ha) {
        Database db = Database.open(DatabaseSettings.h2Memory("tls-" + ha.role() + System.nanoTime()), "tserver");
        open.add(0, db);
        RemoteSwitchConnector connector = new RemoteSwitchConnector("localhost", linkPort, Duration.ofSeconds(1), tls.client().orElseThrow());
        open.add(0, connector);
        TServerSettings settings = TServerSettings.defaults().withPorts("127.0.0.1", 0, 0)
                .withHa(ha.withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET))
                .withSecurity(PortSecurity.DEFAULT.withTls(tls));
        TServer server = TandemHarness.startServer(config.tserverConfig(), db, connector, new io.tandem.common.http.Router(), settings);
        open.add(0, server);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aHotStandbyDeskWorksOverTlsAgainstAPairWhoseLinksAreAllTls() {
        List<ClientOptions> servers = List.of(ClientOptions.tls("localhost", primary.ctiPort(), "desktop", files.ca()).withClientIdentity("desk-1"),
                ClientOptions.tls("localhost", backup.ctiPort(), "desktop", files.ca()).withClientIdentity("desk-1"));
        try (HotStandbyClient desk = HotStandbyClient.connect(servers, Duration.ofMillis(100), null)) {
            EventCollector events = new EventCollector();
            desk.addListener(events);
            await().atMost(WAIT).until(() -> desk.connectedServers() == 2);
            desk.registerAddress("7001", ext("REMOTE_DEST", "0655500001", "REMOTE_NAME", "Over TLS")).join();
            await().atMost(WAIT).until(() -> events.drain(Duration.ofMillis(50)).stream().anyMatch(e -> e.type() == EVENT_DN_BACK_IN_SERVICE));
            await().atMost(WAIT).until(() -> backup.core().onCoreThread(() -> backup.core().terminalControl().mirror()).join().size() == 1);
        }
    }

    @Test
    void httpsServesTheConsoleWithASecureCookieAndWebSocketClientsOverWss() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(files.ca())).build();
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + primary.httpPort() + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + primary.httpPort() + "/api/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ops\",\"password\":\"s3cret-admin\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; Path=/; HttpOnly; SameSite=Strict; Secure");

        ClientOptions wss = new ClientOptions(URI.create("wss://localhost:" + primary.httpPort() + "/cti"), "ws-desk", null, null, null, files.ca());
        try (TandemClient client = TandemClient.connect(wss)) {
            assertThat(client.registerAddress("6001").join().thisDn()).isEqualTo("6001");
        }
    }

    @Test
    void untrustedCertificatesAndPlainTextGetNothing() throws Exception {
        Path stranger = TestCertificates.authority(dir, "stranger").caFile();
        assertThatThrownBy(() -> TandemClient.connect(ClientOptions.tls("localhost", primary.ctiPort(), "desk", stranger)))
                .hasMessageContaining("TLS failed");
        try (Socket plain = new Socket("127.0.0.1", primary.ctiPort())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"plain\"}\n".getBytes(StandardCharsets.UTF_8));
            InputStream in = plain.getInputStream();
            String answer = new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("no event is sent in clear").doesNotContain("EventServerConnected");
        }
        HttpClient strangerHttps = HttpClient.newBuilder().sslContext(trusting(stranger)).build();
        assertThatThrownBy(() -> strangerHttps.send(HttpRequest.newBuilder(URI.create("https://localhost:" + primary.httpPort() + "/api/health"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
