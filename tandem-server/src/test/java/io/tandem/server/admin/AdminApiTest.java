package io.tandem.server.admin;

import static io.tandem.server.Events.ext;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The admin API and console access over real HTTP: login, session cookie, HTTP Basic, roles, the views of
 * DNs, clients and calls, parameter errors, and the live feed's WebSocket. Users come from the test
 * configuration: {@code ops} (admin) and {@code watcher} (read-only).
 */
class AdminApiTest extends HarnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText();
        }
    }

    private Reply send(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.server().httpPort() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()), r);
    }

    private static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    private String logIn(String user, String password) throws Exception {
        Reply login = send("POST", "/api/auth/login", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(login.status()).isEqualTo(200);
        String setCookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(ConsoleAccess.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void agentsAreListedAndAnAdminSetsThemNotReadyOrLogsThemOut() throws Exception {
        io.tandem.server.TandemHarness.Agent desk = t.agent("desk-7");
        desk.client().registerAddress("6001").join();
        desk.client().agentLogin("6001", "1001").join();
        desk.client().agentReady("6001").join();
        desk.events().drain(java.time.Duration.ofMillis(200));

        Reply agents = send("GET", "/api/admin/agents", null, basic("watcher", "s3cret-viewer"));
        assertThat(agents.status()).isEqualTo(200);
        assertThat(agents.body()).hasSize(1);
        assertThat(agents.body().get(0).get("agentId").asText()).isEqualTo("1001");
        assertThat(agents.body().get(0).get("state").asText()).isEqualTo("Ready");
        assertThat(agents.body().get(0).get("loggedInBy").asText()).isEqualTo("desk-7");
        assertThat(send("POST", "/api/admin/agents/6001/logout", null, basic("watcher", "s3cret-viewer")).status()).isEqualTo(403);

        Reply notReady = send("POST", "/api/admin/agents/6001/not-ready", null, basic("ops", "s3cret-admin"));
        assertThat(notReady.status()).isEqualTo(200);
        assertThat(notReady.body().get("result").asText()).isEqualTo("the agent on DN 6001 was set Not Ready");
        io.tandem.protocol.Message event = desk.events().next(io.tandem.server.TandemHarness.WAIT);
        assertThat(event.type()).isEqualTo(io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY);
        assertThat(event.kvList(io.tandem.protocol.Attribute.REASONS).getString("ReasonCode")).contains("Administrator");
        assertThat(send("POST", "/api/admin/agents/6001/logout", null, basic("ops", "s3cret-admin")).status()).isEqualTo(200);
        assertThat(desk.events().next(io.tandem.server.TandemHarness.WAIT).type()).isEqualTo(io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT);
        Reply none = send("POST", "/api/admin/agents/6001/logout", null, basic("ops", "s3cret-admin"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.error()).isEqualTo("no agent is logged in on DN 6001");
    }

    @Test
    void aLoginOpensTheApiUntilLogout() throws Exception {
        assertThat(send("GET", "/api/admin/dns", null).status()).isEqualTo(401);
        String cookie = logIn("ops", "s3cret-admin");

        Reply me = send("GET", "/api/auth/me", null, "Cookie", cookie);
        assertThat(me.body().get("user").asText()).isEqualTo("ops");
        assertThat(me.body().get("role").asText()).isEqualTo("admin");
        assertThat(send("GET", "/api/admin/dns", null, "Cookie", cookie).status()).isEqualTo(200);

        assertThat(send("POST", "/api/auth/logout", null, "Cookie", cookie).status()).isEqualTo(200);
        Reply after = send("GET", "/api/admin/dns", null, "Cookie", cookie);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.error()).isEqualTo("log in first (POST /api/auth/login) or send HTTP Basic credentials");
    }

    @Test
    void wrongCredentialsAndMalformedLoginsAreRefusedWithTheReason() throws Exception {
        Reply wrong = send("POST", "/api/auth/login", "{\"user\":\"ops\",\"password\":\"nope\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("wrong user name or password");
        assertThat(wrong.raw().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send("POST", "/api/auth/login", "{\"user\":\"nobody\",\"password\":\"s3cret-admin\"}").error())
                .isEqualTo("wrong user name or password");
        Reply missing = send("POST", "/api/auth/login", "{\"user\":\"ops\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).isEqualTo("field 'password' is required and must be a non-empty string");
        assertThat(send("POST", "/api/auth/login", "[1]").error()).isEqualTo("request body must be a JSON object");
        assertThat(send("GET", "/api/admin/clients", null, basic("ops", "nope")).status()).isEqualTo(401);
        assertThat(send("GET", "/api/admin/clients", null, "Authorization", "Basic !!!").status()).isEqualTo(401);
        assertThat(send("GET", "/api/admin/clients", null, "Cookie", ConsoleAccess.COOKIE + "=forged").status()).isEqualTo(401);
    }

    @Test
    void aReadOnlyUserMayLookButNotChangeAndPhonesNeedAnEmbeddedSwitch() throws Exception {
        assertThat(send("GET", "/api/admin/clients", null, basic("watcher", "s3cret-viewer")).status()).isEqualTo(200);
        Reply refused = send("POST", "/api/switch/calls", "{\"from\":\"0690000001\",\"to\":\"7001\"}", basic("watcher", "s3cret-viewer"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("user 'watcher' is read-only; POST /api/switch/calls needs the admin role");

        Reply notEmbedded = send("POST", "/api/admin/phones/SEP000000006001/logout", null, basic("ops", "s3cret-admin"));
        assertThat(notEmbedded.status()).isEqualTo(404);
        assertThat(notEmbedded.error()).startsWith("this server's switch is not embedded");
        assertThat(send("GET", "/api/admin/phones", null, basic("ops", "s3cret-admin")).status()).isEqualTo(404);
    }

    @Test
    void theEmbeddedSwitchsControlApiServedHereIsBehindTheSameLogin() throws Exception {
        assertThat(send("GET", "/api/switch/devices", null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/switch/devices", null, basic("watcher", "s3cret-viewer")).status()).isEqualTo(200);
        Reply refused = send("POST", "/api/switch/devices/SEP000000006001/out-of-service", null, basic("watcher", "s3cret-viewer"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(t.device("SEP000000006001").get("inService").asBoolean()).as("nothing changed").isTrue();
        assertThat(send("POST", "/api/switch/devices/SEP000000006001/out-of-service", null, basic("ops", "s3cret-admin")).status())
                .isEqualTo(200);
    }

    @Test
    void dnsAreListedPagedAndSearchedWithTheirStateControllerAndClients() throws Exception {
        String[] ops = basic("ops", "s3cret-admin");
        Agent desk = t.agentOn(t.server(), "desk");
        desk.client().registerAddress("7002", ext("REMOTE_DEST", "0655500002", "REMOTE_NAME", "Bob mobile")).join();
        await().atMost(WAIT).until(() -> send("GET", "/api/admin/dns/7002", null, ops).body().path("state").asText().equals("InService"));

        JsonNode bob = send("GET", "/api/admin/dns/7002", null, ops).body();
        assertThat(bob.get("device").asText()).isEqualTo("CTIRDbob");
        assertThat(bob.get("remoteTerminal").asBoolean()).isTrue();
        assertThat(bob.get("remoteDest").asText()).isEqualTo("0655500002");
        assertThat(bob.get("remoteName").asText()).isEqualTo("Bob mobile");
        assertThat(bob.get("controller").asText()).isEqualTo("desk");
        assertThat(bob.get("registeredClients")).extracting(JsonNode::asText).containsExactly("desk");

        JsonNode terminals = send("GET", "/api/admin/dns?terminals=true", null, ops).body();
        assertThat(terminals.get("total").asInt()).isEqualTo(3);
        assertThat(terminals.get("rows")).extracting(r -> r.get("dn").asText()).containsExactly("7001", "7002", "7004");
        JsonNode outOfService = send("GET", "/api/admin/dns?terminals=true&outOfService=true", null, ops).body();
        assertThat(outOfService.get("rows")).extracting(r -> r.get("dn").asText()).containsExactly("7001", "7004");
        assertThat(outOfService.get("rows").get(0).get("reason").asText()).isEqualTo("NotExtended");
        JsonNode searched = send("GET", "/api/admin/dns?search=DAVE", null, ops).body();
        assertThat(searched.get("rows")).extracting(r -> r.get("dn").asText()).containsExactly("7004");
        JsonNode page = send("GET", "/api/admin/dns?offset=1&limit=2", null, ops).body();
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("rows")).hasSize(2);
        assertThat(page.get("total").asInt()).isGreaterThan(3);

        Reply badLimit = send("GET", "/api/admin/dns?limit=lots", null, ops);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.error()).isEqualTo("query parameter 'limit' must be a whole number of at least 0, was 'lots'");
        assertThat(send("GET", "/api/admin/dns?offset=-1", null, ops).status()).isEqualTo(400);
        Reply unknown = send("GET", "/api/admin/dns/9999", null, ops);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("DN 9999 is not configured on this server");
    }

    @Test
    void clientsAndCallsAreListed() throws Exception {
        String[] ops = basic("ops", "s3cret-admin");
        Agent a = t.agentOn(t.server(), "caller");
        a.client().registerAddress("6001").join();
        Message dialing = a.client().request(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.THIS_DN, "6001")
                .put(Attribute.OTHER_DN, "6002").build()).join();
        String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
        a.client().request(Message.builder(MessageType.REQUEST_ATTACH_USER_DATA).put(Attribute.THIS_DN, "6001")
                .put(Attribute.CONN_ID, connId).put(Attribute.USER_DATA, ext("case", "42")).build()).join();

        JsonNode clients = send("GET", "/api/admin/clients", null, ops).body();
        assertThat(clients).hasSize(1);
        assertThat(clients.get(0).get("application").asText()).isEqualTo("caller");
        assertThat(clients.get(0).get("transport").asText()).isEqualTo("tcp");
        assertThat(clients.get(0).get("dns")).extracting(JsonNode::asText).containsExactly("6001");
        assertThat(clients.get(0).get("eventsSent").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(clients.get(0).get("queuedBytes").asLong()).isZero();

        JsonNode calls = send("GET", "/api/admin/calls", null, ops).body();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("connId").asText()).isEqualTo(connId);
        assertThat(calls.get(0).get("callType").asText()).isEqualTo("Internal");
        assertThat(calls.get(0).get("parties").get("6001").asText()).isEqualTo("Dialing");
        assertThat(calls.get(0).get("userData").get("case").asText()).isEqualTo("42");
    }

    @Test
    void theLiveFeedAdmitsOnlyLoggedInUsersAndTellsThemWhenSomethingChanges() throws Exception {
        URI live = URI.create("ws://127.0.0.1:" + t.server().httpPort() + LiveFeed.PATH);
        assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(live, new WebSocket.Listener() { }).join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));

        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = http.newWebSocketBuilder().header("Cookie", logIn("watcher", "s3cret-viewer"))
                .buildAsync(live, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).join();
        await().atMost(WAIT).until(() -> !messages.isEmpty());
        assertThat(messages.get(0)).matches("\\{\"changed\":\\d+}");
        int before = messages.size();

        t.agentOn(t.server(), "newcomer").client().registerAddress("6002").join();

        await().atMost(WAIT).until(() -> messages.size() > before);
        socket.abort();
    }
}
