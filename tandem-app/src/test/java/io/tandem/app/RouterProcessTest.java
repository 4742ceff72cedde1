package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_ABANDONED;
import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGIN;
import static io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY;
import static io.tandem.protocol.MessageType.EVENT_AGENT_READY;
import static io.tandem.protocol.MessageType.EVENT_DIVERTED;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_QUEUED;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo as a contact center: {@code ./tandem server} and {@code ./tandem router} as processes, an agent desktop on the
 * remote terminal 7003 (extended to a mobile, agent 1003), a wallboard on virtual queue 9000 and the overflow phone 6100.
 * A call to route point 5000 rings the Ready agent's mobile and leaves the agent in after-call work; with nobody Ready it
 * waits in the queue until the agent is Ready; with nobody Ready for the maximum wait it goes to the overflow DN.
 */
class RouterProcessTest extends PairProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MOBILE = "0698000003";
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private String api;

    private String post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static TandemClient client(int port, String name, EventCollector events, String dn, KeyValueList extensions) {
        TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", port, name));
        client.addListener(events);
        client.registerAddress(dn, extensions).join();
        return client;
    }

    @Test
    void callsToTheRoutePointReachTheReadyAgentWaitInTheQueueAndOverflow() throws Exception {
        TandemProcess server = start("server", TandemProcess.SERVER_UP, List.of("server", "--cti-port", "0", "--http-port", "0",
                "--data-dir", dir.resolve("data").toString()));
        int cti = server.port(1);
        api = "http://127.0.0.1:" + server.port(2);
        start("router", Pattern.compile("router up"), List.of("router", "--server", "127.0.0.1:" + cti, "--max-wait", "3"));

        EventCollector desk = new EventCollector();
        EventCollector wallboard = new EventCollector();
        EventCollector overflow = new EventCollector();
        try (TandemClient agent = client(cti, "desktop", desk, "7003", KeyValueList.ofStrings("REMOTE_DEST", MOBILE));
                TandemClient board = client(cti, "wallboard", wallboard, "9000", KeyValueList.EMPTY);
                TandemClient reception = client(cti, "reception", overflow, "6100", KeyValueList.EMPTY)) {
            desk.skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
            agent.agentLogin("7003", "1003").join();
            desk.skipTo(EVENT_AGENT_LOGIN, WAIT);
            desk.skipTo(EVENT_AGENT_NOT_READY, WAIT);
            agent.agentReady("7003").join();
            desk.skipTo(EVENT_AGENT_READY, WAIT);

            // a Ready agent: the call rings the agent's mobile; after it, the agent is in after-call work
            post("/api/switch/calls", "{\"from\":\"0611110001\",\"to\":\"5000\"}");
            Message ringing = desk.skipTo(EVENT_RINGING, WAIT);
            assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("5000");
            assertThat(ringing.string(Attribute.OTHER_DN)).contains("0611110001");
            assertThat(post("/api/switch/parties/" + MOBILE + "/answer", "{}")).contains("CONNECTED");
            desk.skipTo(EVENT_ESTABLISHED, WAIT);
            post("/api/switch/parties/0611110001/hangup", "{}");
            assertThat(desk.skipTo(EVENT_AGENT_NOT_READY, WAIT).string(Attribute.AGENT_WORK_MODE)).as("before the call's EventReleased")
                    .contains("AfterCallWork");
            desk.skipTo(EVENT_RELEASED, WAIT);

            // nobody Ready: the call waits in the queue until the agent is Ready again
            post("/api/switch/calls", "{\"from\":\"0611110002\",\"to\":\"5000\"}");
            String queued = wallboard.skipTo(EVENT_QUEUED, WAIT).string(Attribute.CONN_ID).orElseThrow();
            agent.agentReady("7003").join();
            Message second = desk.skipTo(EVENT_RINGING, WAIT);
            assertThat(second.string(Attribute.CONN_ID)).contains(queued);
            Message diverted = wallboard.skipTo(EVENT_DIVERTED, WAIT);
            assertThat(diverted.string(Attribute.OTHER_DN)).contains("7003");
            post("/api/switch/parties/0611110002/hangup", "{}");
            desk.skipTo(EVENT_ABANDONED, WAIT);

            // nobody Ready for the maximum wait (3 s): overflow to 6100
            agent.agentNotReady("7003", null).join();
            desk.skipTo(EVENT_AGENT_NOT_READY, WAIT);
            post("/api/switch/calls", "{\"from\":\"0611110003\",\"to\":\"5000\"}");
            String third = wallboard.skipTo(EVENT_QUEUED, WAIT).string(Attribute.CONN_ID).orElseThrow();
            long queuedAt = System.nanoTime();
            Message atReception = overflow.skipTo(EVENT_RINGING, WAIT);
            assertThat(atReception.string(Attribute.CONN_ID)).contains(third);
            assertThat(Duration.ofNanos(System.nanoTime() - queuedAt)).isGreaterThan(Duration.ofMillis(2500));
            assertThat(wallboard.skipTo(EVENT_DIVERTED, WAIT).string(Attribute.OTHER_DN)).contains("6100");
        }
    }
}
