package io.tandem.ucm.em;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.HttpServer;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import io.tandem.ucm.control.SwitchControlApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** An embedded switch with its HTTP API on a free port, an H2 file database and a clock the test moves. */
final class EmSwitch implements AutoCloseable {

    static final String APP = "<appInfo><appID>appid</appID><appCertificate>apppasswd</appCertificate></appInfo>";
    static final String SUCCESS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><response><success/></response>";

    /** A clock that only moves when told. */
    static final class TestClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-21T08:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestClock clock = new TestClock();
    private final String yaml;
    private final Path dir;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private EmbeddedSwitch sw;
    private io.micrometer.core.instrument.simple.SimpleMeterRegistry meters;

    /** The value of gauge {@code name} (for example {@code tandem.em.requests.queued}). */
    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    /** Runs the automatic-logout check now, as the switch's once-a-second tick does, and waits for it. */
    void expireNow() {
        sw.withExtensionMobility(ExtensionMobility::expire).join();
    }
    private HttpServer server;

    EmSwitch(String yaml, Path dir) throws Exception {
        this.yaml = yaml;
        this.dir = dir;
        boot();
    }

    void boot() throws Exception {
        db = Database.open(DatabaseSettings.h2File(dir, "em"), "test");
        sw = EmbeddedSwitch.start(SwitchFixtures.parse(yaml, "em.yaml"), db, clock);
        meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        server = HttpServer.start("127.0.0.1", 0, SwitchControlApi.routes(sw, meters).authorizer(SwitchControlApi.applicationUsers(sw)),
                Optional.empty(), group, group);
    }

    void shutDown() {
        server.close();
        sw.close();
        db.close();
    }

    CompletableFuture<String> postAsync(String xml) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/emservice/EMServiceServlet"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
    }

    String post(String xml) {
        return postAsync(xml).join();
    }

    String user(String device) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/switch/devices/" + device + "/configuration")).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("appid:apppasswd".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode user = JSON.readTree(r.body()).get("userId");
        return user == null || user.isNull() ? null : user.asText();
    }

    static String login(String device, String user, String extra) {
        return "<request>" + APP + "<login><deviceName>" + device + "</deviceName><userID>" + user + "</userID>" + extra
                + "</login></request>";
    }

    @Override
    public void close() {
        shutDown();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
