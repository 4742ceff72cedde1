package io.tandem.server.transport;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_UNREGISTERED;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.common.http.Router;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.codec.ProtocolLimits;
import io.tandem.server.TServer;
import io.tandem.server.link.LinkState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import io.tandem.protocol.Message;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input never takes the server down or disturbs other clients. */
class RobustnessTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    /** Each bad frame with a fragment its EventError must contain and the code. */
    private record Bad(String frame, int code, String problem) {
    }

    private static final List<Bad> BAD = List.of(
            new Bad("{\"message\":", 223, "malformed JSON"),
            new Bad("not json at all", 223, "malformed JSON"),
            new Bad("[1,2,3]", 223, "must be a JSON object"),
            new Bad("\"RequestRegisterAddress\"", 223, "must be a JSON object"),
            new Bad("{}", 223, "missing attribute 'message'"),
            new Bad("{\"message\":123}", 223, "'message' must be a string"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":[\"7002\"]}", 53, "ThisDN must be a string"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7002\",\"ReferenceID\":\"x\"}", 53, "ReferenceID must be an integer"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7002\",\"Extensions\":[]}", 53, "Extensions must be an object"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7002\",\"Extensions\":{\"REMOTE_DEST\":null}}", 53, "REMOTE_DEST must be"),
            new Bad("{\"message\":\"RequestRegisterAddress\"}", 53, "requires ThisDN"),
            new Bad("{\"message\":\"RequestUnregisterAddress\",\"ThisDN\":\"7002\"}", 41, "not registered"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"123456\"}", 59, "not configured"),
            new Bad("{\"message\":\"RequestExplode\"}", 51, "unknown message 'RequestExplode'"),
            new Bad("{\"message\":\"RequestMergeCalls\",\"ThisDN\":\"7002\"}", 51, "not supported"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7002\",\"Extensions\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":\"x\"}}}}}}}}}",
                    53, "nests deeper"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"7\u0000\"}", 223, "malformed JSON"),
            new Bad("{\"message\":\"RequestRegisterAddress\"} trailing", 223, "malformed JSON"),
            new Bad("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":99999999999999999999999}", 53, "ThisDN must be a string"));


    @Test
    void thousandsOfBadFramesEachGetANamedErrorAndDisturbNobody() {
        Agent victim = t.agent("victim");
        victim.client().registerAddress("7002", ext("REMOTE_DEST", "0622222222", "REMOTE_NAME", "Bob")).join();
        expect(victim.events().next(WAIT), EVENT_REGISTERED, "7002");
        expect(victim.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");

        Agent attacker = t.agent("attacker");
        int rounds = 160;
        for (int i = 0; i < rounds; i++) {
            for (Bad bad : BAD) {
                attacker.client().sendRaw(bad.frame());
            }
        }
        for (int i = 0; i < rounds; i++) {
            for (Bad bad : BAD) {
                Message answer = error(attacker.events().next(WAIT), EVENT_ERROR, bad.code());
                assertThat(answer.string(Attribute.ERROR_MESSAGE).orElseThrow()).as("answer to %s", bad.frame()).contains(bad.problem());
            }
        }
        assertThat(attacker.events().drain(QUIET)).isEmpty();
        assertThat(rounds * BAD.size()).isGreaterThanOrEqualTo(3000);

        assertThat(victim.events().drain(QUIET)).as("the other client saw nothing").isEmpty();
        assertThat(t.device("CTIRDbob").get("remoteDestinations").get(0).get("active").asBoolean()).isTrue();
        victim.client().unregisterAddress("7002").join();
        expect(victim.events().next(WAIT), EVENT_UNREGISTERED, "7002");
    }

    @Test
    void invalidUtf8IsAMalformedFrame() {
        Agent a = t.agent("a");
        byte[] prefix = "{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        frame[prefix.length] = (byte) 0xC3;
        frame[prefix.length + 1] = (byte) 0x28;
        frame[prefix.length + 2] = '"';
        frame[prefix.length + 3] = '\n';
        a.client().sendRawBytes(frame);
        assertThat(error(a.events().next(WAIT), EVENT_ERROR, 223).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("UTF-8");
    }

    @Test
    void anOversizedLineGetsAnErrorAndADisconnectWhileOthersCarryOn() {
        Agent victim = t.agent("victim");
        victim.client().registerAddress("6001").join();
        victim.events().next(WAIT);
        Agent big = t.agent("big");
        StringBuilder line = new StringBuilder("{\"message\":\"RequestRegisterAddress\",\"ThisDN\":\"");
        line.append("7".repeat(70 * 1024)).append("\"}");
        big.client().sendRaw(line.toString());
        Message answer = error(big.events().next(WAIT), EVENT_ERROR, 223);
        assertThat(answer.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("longer than 65536 bytes");
        await().atMost(WAIT).until(() -> !big.client().isConnected());

        t.post("/api/switch/devices/SEP000000006001/out-of-service", null);
        extensionsAre(expect(victim.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "6001"), "OOS_REASON", "DeviceOutOfService");
        Agent fresh = t.agent("fresh");
        fresh.client().registerAddress("6001").join();
        expect(fresh.events().next(WAIT), EVENT_REGISTERED, "6001");
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedAsASlowConsumerWithoutHurtingOthers() throws Exception {
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        ProtocolLimits small = new ProtocolLimits(64 * 1024, 8, 256 * 1024);
        try (TServer server = TandemHarness.startServer(config.tserverConfig(), t.database(), t.sw(), new Router(), small)) {
            await().atMost(WAIT).until(() -> server.core().status().linkState() == LinkState.UP);
            EventCollector victimEvents = new EventCollector();
            try (TandemClient victim = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "victim"));
                    Socket greedy = new Socket()) {
                victim.addListener(victimEvents);
                greedy.setReceiveBufferSize(4096);
                greedy.connect(new InetSocketAddress("127.0.0.1", server.ctiPort()));
                OutputStream out = greedy.getOutputStream();
                out.write("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"greedy\"}\n".getBytes(StandardCharsets.UTF_8));
                byte[] batch = "{}\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
                try {
                    for (int i = 0; i < 400; i++) {
                        out.write(batch);
                    }
                } catch (IOException closedByServer) {
                    // expected once the server gives up on this client
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> server.core().status().clients() == 1);
                victim.registerAddress("6001").join();
                expect(victimEvents.skipTo(EVENT_REGISTERED, WAIT), EVENT_REGISTERED, "6001");
            }
        }
    }

    @Test
    void aBinaryStreamIsDisconnected() {
        Agent victim = t.agent("victim");
        Agent binary = t.unregisteredAgent();
        byte[] noise = new byte[200 * 1024];
        new Random(42).nextBytes(noise);
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] == '\n') {
                noise[i] = 0;
            }
        }
        binary.client().sendRawBytes(noise);
        await().atMost(WAIT).until(() -> !binary.client().isConnected());
        List<Message> got = new ArrayList<>(binary.events().pending());
        assertThat(got).extracting(Message::errorCode).containsOnly(223);
        victim.client().registerAddress("6002").join();
        expect(victim.events().next(WAIT), EVENT_REGISTERED, "6002");
        assertThat(t.get("/api/health").status()).isEqualTo(200);
    }
}
