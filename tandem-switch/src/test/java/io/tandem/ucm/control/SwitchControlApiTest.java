package io.tandem.ucm.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.HttpServer;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchLink;
import io.tandem.ucm.EmbeddedSwitch;
import io.tandem.ucm.SwitchFixtures;
import io.tandem.ucm.link.RecordingListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The switch control API over real HTTP: playing callers and phones. */
class SwitchControlApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private Database db;
    private EmbeddedSwitch sw;
    private HttpServer server;

    /** Status and body of one answer. */
    private record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseSettings.h2Memory("api" + System.nanoTime()), "test");
        sw = EmbeddedSwitch.start(SwitchFixtures.standard(), db);
        server = HttpServer.start("127.0.0.1", 0, SwitchControlApi.routes(sw).authorizer(SwitchControlApi.applicationUsers(sw)), Optional.empty(), group, group);
    }

    @AfterEach
    void stop() {
        server.close();
        sw.close();
        db.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Answer call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("app1:one".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    @Test
    void withoutAnApplicationUsersCredentialsEveryControlRouteIsRefused() throws Exception {
        for (String[] route : new String[][] {{"GET", "/api/switch/devices"}, {"POST", "/api/switch/devices/SEP1/out-of-service"},
            {"POST", "/api/switch/calls"}, {"GET", "//api/switch/links"}}) {
            for (String authorization : new String[] {null, "Basic " + java.util.Base64.getEncoder().encodeToString("app1:wrong".getBytes())}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + route[1]))
                        .method(route[0], HttpRequest.BodyPublishers.noBody());
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
                assertThat(response.body()).contains("send HTTP Basic credentials of one of the switch's application users");
            }
        }
        assertThat(call("GET", "/api/switch/devices/SEP1", null).body().get("inService").asBoolean()).isTrue();
    }

    @Test
    void aCallRingsAPhoneIsAnsweredAndHungUp() throws Exception {
        Answer placed = call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"6001\"}");
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.body().get("state").asText()).isEqualTo("ALERTING");
        assertThat(placed.body().get("alerting").asText()).isEqualTo("6001");
        assertThat(call("GET", "/api/switch/calls", null).body()).hasSize(1);
        Answer busy = call("POST", "/api/switch/calls", "{\"from\":\"0688888888\",\"to\":\"6001\"}");
        assertThat(busy.body().get("cause").asText()).isEqualTo("USER_BUSY");
        assertThat(call("POST", "/api/switch/parties/6001/answer", null).body().get("state").asText()).isEqualTo("CONNECTED");
        Answer hungUp = call("POST", "/api/switch/parties/6001/hangup", null);
        assertThat(hungUp.body().get("state").asText()).isEqualTo("DISCONNECTED");
        assertThat(hungUp.body().get("cause").asText()).isEqualTo("NORMAL_CLEARING");
        assertThat(call("GET", "/api/switch/calls", null).body()).isEmpty();
    }

    @Test
    void routingFailuresHaveCauses() throws Exception {
        assertThat(call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"4242\"}").body().get("cause").asText())
                .isEqualTo("UNALLOCATED_NUMBER");
        call("POST", "/api/switch/devices/SEP1/out-of-service", null);
        assertThat(call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"6001\"}").body().get("cause").asText())
                .isEqualTo("DEVICE_OUT_OF_SERVICE");
        assertThat(call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"7002\"}").body().get("cause").asText())
                .as("a remote terminal with no active destination").isEqualTo("USER_BUSY");
        call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"7001\"}");
        assertThat(call("POST", "/api/switch/parties/0611111111/answer", null).status()).as("nothing rings there").isEqualTo(409);
    }

    @Test
    void aRingingRemoteDestinationCanRejectTheCall() throws Exception {
        SwitchLink link = sw.open(new LinkCredentials("app1", "one"), new RecordingListener()).join();
        link.setActiveRemoteDestination("CTIRDalice", "0611111111", true).join();
        Answer placed = call("POST", "/api/switch/calls", "{\"from\":\"0699999999\",\"to\":\"7001\"}");
        assertThat(placed.body().get("alerting").asText()).isEqualTo("0611111111");
        Answer rejected = call("POST", "/api/switch/parties/0611111111/hangup", null);
        assertThat(rejected.body().get("cause").asText()).isEqualTo("CALL_REJECTED");
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        Answer missing = call("GET", "/api/switch/devices/NOPE", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asText()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(call("POST", "/api/switch/calls", "{\"from\":").status()).isEqualTo(400);
        Answer noTo = call("POST", "/api/switch/calls", "{\"from\":\"0699999999\"}");
        assertThat(noTo.status()).isEqualTo(400);
        assertThat(noTo.body().get("error").asText()).contains("'to'");
        Answer dnCaller = call("POST", "/api/switch/calls", "{\"from\":\"6001\",\"to\":\"7001\"}");
        assertThat(dnCaller.status()).isEqualTo(409);
        assertThat(dnCaller.body().get("error").asText()).contains("not a network number");
        assertThat(call("DELETE", "/api/switch/devices", null).status()).isEqualTo(405);
        Answer devices = call("GET", "/api/switch/devices", null);
        assertThat(devices.body()).extracting(d -> d.get("name").asText()).containsExactly("CTIRDalice", "CTIRDbob", "SEP1", "RP5000");
    }
}
