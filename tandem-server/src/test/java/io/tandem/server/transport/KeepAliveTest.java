package io.tandem.server.transport;

import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGIN;
import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Dead-client detection on loopback: a client that asked for keep-alive and stops answering (a raw socket that goes
 * silent, as a vanished host: no FIN, no RST) is disconnected with the usual effects; a client that answers stays; the
 * request's values are checked; a client that did not ask is never polled.
 */
class KeepAliveTest extends HarnessTest {

    private static final String REGISTER_WITH_KEEPALIVE = "{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,"
            + "\"ApplicationName\":\"frozen\",\"Extensions\":{\"KEEPALIVE_INTERVAL\":200,\"KEEPALIVE_TIMEOUT\":300}}";

    /** A raw client: writes lines, reads lines, answers nothing unless told. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        RawClient(int port) throws Exception {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) WAIT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String json) throws Exception {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Reads lines until one contains {@code text}; returns it. */
        String readUntil(String text) throws Exception {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("connection closed before a line with " + text);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void aSilentClientIsDisconnectedItsTerminalGoesOutOfServiceAndItsAgentIsLoggedOut() throws Exception {
        Agent supervisor = t.agent("supervisor");
        supervisor.client().registerAddress("7001").join();
        expect(supervisor.events().next(WAIT), EVENT_REGISTERED, "7001");
        try (RawClient desk = new RawClient(t.server().ctiPort())) {
            desk.send(REGISTER_WITH_KEEPALIVE);
            String connected = desk.readUntil("EventServerConnected");
            assertThat(connected).contains("\"KEEPALIVE_INTERVAL\":200", "\"KEEPALIVE_TIMEOUT\":300");
            desk.send("{\"message\":\"RequestRegisterAddress\",\"ReferenceID\":2,\"ThisDN\":\"7001\","
                    + "\"Extensions\":{\"REMOTE_DEST\":\"0611111111\"}}");
            desk.readUntil("EventDNBackInService");
            desk.send("{\"message\":\"RequestAgentLogin\",\"ReferenceID\":3,\"ThisDN\":\"7001\",\"AgentID\":\"1001\"}");
            desk.readUntil("EventAgentLogin");
            expect(supervisor.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
            expect(supervisor.events().next(WAIT), EVENT_AGENT_LOGIN, "7001");
            expect(supervisor.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY, "7001");

            desk.readUntil("\"Ping\"");
            desk.send("{\"message\":\"Pong\"}");
            assertThat(desk.readUntil("\"Ping\"")).as("polled again after the next silence").isEqualTo("{\"message\":\"Ping\"}");

            long frozenAt = System.nanoTime();
            Message logout = expect(supervisor.events().next(WAIT), EVENT_AGENT_LOGOUT, "7001");
            Message outOfService = expect(supervisor.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7001");
            assertThat(Duration.ofNanos(System.nanoTime() - frozenAt)).as("within interval + timeout and some slack")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(outOfService.extensions().getString("REMOTE_DEST")).isEmpty();
            assertThat(logout.string(Attribute.AGENT_ID)).contains("1001");
            assertThat(logout.kvList(Attribute.REASONS).getString("LOGOUT_REASON")).contains("ClientDisconnected");
            assertThat(desk.in.readLine()).as("the server closed the connection").isNull();
        }
        await().atMost(WAIT).until(() -> t.get("/api/admin/clients").body().toString().contains("frozen") == false);
    }

    @Test
    void aClientThatAnswersStaysConnectedAndCanAlwaysPing() throws Exception {
        EventCollector events = new EventCollector();
        try (TandemClient alive = TandemClient.connect(ClientOptions.tcp("127.0.0.1", t.server().ctiPort(), "alive")
                .withKeepAlive(Duration.ofMillis(100), Duration.ofMillis(200)))) {
            alive.addListener(events);
            assertThat(events.drain(Duration.ofMillis(1000))).as("pings and pongs never reach the application")
                    .extracting(Message::name).doesNotContain("Ping", "Pong");
            assertThat(alive.registerAddress("6001").join().type()).isEqualTo(EVENT_REGISTERED);
        }
        try (RawClient plain = new RawClient(t.server().ctiPort())) {
            plain.send("{\"message\":\"Ping\"}");
            assertThat(plain.in.readLine()).isEqualTo("{\"message\":\"Pong\"}");
            plain.send("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,\"ApplicationName\":\"plain\"}");
            assertThat(plain.readUntil("EventServerConnected")).doesNotContain("KEEPALIVE");
            plain.socket.setSoTimeout(1000);
            plain.readUntil("EventLinkConnected");
            java.net.SocketTimeoutException silence = org.assertj.core.api.Assertions.catchThrowableOfType(plain.in::readLine,
                    java.net.SocketTimeoutException.class);
            assertThat(silence).as("a client that did not ask is never polled").isNotNull();
        }
    }

    @Test
    void badKeepAliveValuesAreRefusedAndTheClientIsNotRegistered() throws Exception {
        try (RawClient raw = new RawClient(t.server().ctiPort())) {
            for (String extensions : new String[] {"{\"KEEPALIVE_INTERVAL\":50}", "{\"KEEPALIVE_INTERVAL\":\"soon\"}",
                "{\"KEEPALIVE_INTERVAL\":1000,\"KEEPALIVE_TIMEOUT\":3600001}", "{\"KEEPALIVE_TIMEOUT\":1000}"}) {
                raw.send("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,\"ApplicationName\":\"bad\",\"Extensions\":" + extensions + "}");
                String error = raw.readUntil("EventError");
                assertThat(error).contains("\"ErrorCode\":53", "KEEPALIVE");
            }
            raw.send("{\"message\":\"RequestQueryServer\",\"ReferenceID\":2}");
            assertThat(raw.readUntil("EventError")).contains("\"ErrorCode\":506");
        }
    }
}
