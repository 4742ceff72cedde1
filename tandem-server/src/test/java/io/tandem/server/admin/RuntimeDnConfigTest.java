package io.tandem.server.admin;

import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.RequestFailedException;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.protocol.MessageType;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNs added and removed at run time through the admin API: served at once, kept across a restart, nothing lost. */
class RuntimeDnConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret-admin".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private TandemHarness t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.server().httpPort() + path))
                .header("Authorization", OPS).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    @Test
    void aDnRemovedAndAddedAgainIsServedAtOnceOnItsDeviceAndKeptAcrossARestart() throws Exception {
        DatabaseSettings db = DatabaseSettings.h2File(dir, "tandem");
        t = TandemHarness.start(db);

        assertThat(send("DELETE", "/api/admin/config/dns/7004", null).body().get("result").asText()).isEqualTo("DN 7004 removed");
        Agent desk = t.agent("desk");
        assertThatThrownBy(() -> desk.client().registerAddress("7004").join()).hasCauseInstanceOf(RequestFailedException.class)
                .hasMessageContaining("DN 7004 is not configured on this server");

        Reply added = send("POST", "/api/admin/config/dns", "{\"number\":\"7004\",\"type\":\"Extension\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().get("device").asText()).isEqualTo("CTIRDdave");
        assertThat(added.body().get("remoteTerminal").asBoolean()).isTrue();
        assertThat(added.body().get("reason").asText()).isEqualTo("NotExtended");
        desk.events().drain(java.time.Duration.ofMillis(100));
        desk.client().registerAddress("7004", ext("REMOTE_DEST", "0644444441")).join();
        expect(desk.events().next(WAIT), MessageType.EVENT_REGISTERED, "7004");
        extensionsAre(expect(desk.events().next(WAIT), MessageType.EVENT_DN_BACK_IN_SERVICE, "7004"), "REMOTE_DEST", "0644444441",
                "REMOTE_NAME", "0644444441");
        assertThat(t.device("CTIRDdave").get("remoteDestinations")).as("the device's configured destination, activated, none added")
                .hasSize(2);

        Reply busy = send("DELETE", "/api/admin/config/dns/7004", null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.body().get("error").asText()).isEqualTo("DN 7004 has registered clients (desk); they must unregister it first");
        assertThat(t.device("CTIRDdave").get("remoteDestinations").get(0).get("active").asBoolean()).as("nothing changed").isTrue();

        assertThat(send("POST", "/api/admin/config/dns", "{\"number\":\"9100\"}").body().get("state").asText()).isEqualTo("OutOfService");
        assertThat(send("DELETE", "/api/admin/config/dns/6008", null).status()).isEqualTo(200);
        t.close();

        t = TandemHarness.start(db);
        assertThat(send("GET", "/api/admin/dns/9100", null).body().get("type").asText()).isEqualTo("Extension");
        assertThat(send("GET", "/api/admin/dns/6008", null).status()).as("removed stays removed").isEqualTo(404);
        assertThat(send("GET", "/api/admin/dns/7004", null).body().get("device").asText()).isEqualTo("CTIRDdave");
    }

    @Test
    void badChangesAreRefusedNamingTheProblemAndChangeNothing() throws Exception {
        t = TandemHarness.start();
        int before = send("GET", "/api/admin/dns", null).body().get("total").asInt();

        Reply twice = send("POST", "/api/admin/config/dns", "{\"number\":\"6001\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("error").asText()).isEqualTo("DN 6001 is already configured");
        Reply badType = send("POST", "/api/admin/config/dns", "{\"number\":\"9101\",\"type\":\"Desk\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("error").asText()).startsWith("unknown DN type 'Desk' (allowed: Extension, ");
        Reply badNumber = send("POST", "/api/admin/config/dns", "{\"number\":\"91 01\"}");
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.body().get("error").asText()).startsWith("DN '91 01' is not a directory number");
        assertThat(send("POST", "/api/admin/config/dns", "{}").status()).isEqualTo(400);
        Reply unknown = send("DELETE", "/api/admin/config/dns/9999", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).isEqualTo("DN 9999 is not configured on this server");

        assertThat(send("GET", "/api/admin/dns", null).body().get("total").asInt()).isEqualTo(before);
    }
}
