package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.client.ClientOptions;
import io.tandem.client.TandemClient;
import io.tandem.process.LoadConfig;
import io.tandem.process.TandemProcess;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The switch's durability contract with real processes (docs/architecture.md): a switch process is killed with SIGKILL
 * in the middle of a 10,000-per-second activation run of 10,000 remote terminals. Restarted on its data directory where
 * the CTI server cannot reach it, it holds the remote destination of every activation that was answered with
 * EventDNBackInService, and no device holds anything but what was asked for it (nothing half-applied). Restarted
 * again where the server reconnects, every answered terminal is active again with its number. Then the same on a quiet
 * switch, killed right after the last of 20 activations made one at a time (without the journal, an embedded H2 file
 * loses those: it writes its file in the background).
 */
class SwitchCrashDurabilityProcessTest extends PairProcessTest {

    private static final int TERMINALS = 10_000;
    /** Terminals of the run at {@link #RATE}; the others are activated one at a time on a quiet switch. */
    private static final int LOADED = TERMINALS - 20;
    private static final int RATE = 10_000;
    private static final int CLIENTS = 20;
    /** Activations answered when the switch is killed (the rest are on their way or not sent yet). */
    private static final int KILL_AFTER = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", LauncherProcessTest.SWITCH_APP_USER).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Device name → its remote destinations, as the switch at {@code api} holds them. */
    private static Map<String, List<JsonNode>> destinations(String api) throws Exception {
        Map<String, List<JsonNode>> byDevice = new HashMap<>();
        for (JsonNode device : get(api + "/api/switch/devices")) {
            List<JsonNode> list = new ArrayList<>();
            device.get("remoteDestinations").forEach(list::add);
            byDevice.put(device.get("name").asText(), list);
        }
        return byDevice;
    }

    private static String device(int i) {
        return "CTIRD" + i;
    }

    private TandemProcess startSwitch(String name, Path config, int linkPort) throws Exception {
        return start(name, TandemProcess.SWITCH_UP, List.of("switch", "--config", config.toString(), "--link-port",
                String.valueOf(linkPort), "--http-port", "0", "--data-dir", dir.resolve("sw").toString()));
    }

    private static Message activation(int i) {
        return Message.builder(MessageType.REQUEST_REGISTER_ADDRESS).put(Attribute.REFERENCE_ID, (long) i + 1)
                .put(Attribute.THIS_DN, LoadConfig.terminal(i))
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REMOTE_DEST", LoadConfig.destination(i), "REMOTE_NAME", "d" + i))
                .build();
    }

    /**
     * Starts the switch on its data directory where the server cannot reach it, checks that it holds the destination of
     * every {@code confirmed} terminal and nothing but what was asked for any device, and stops it.
     */
    private void assertStored(Path config, Set<String> confirmed, Map<String, Integer> index) throws Exception {
        TandemProcess alone = startSwitch("switch-alone-" + System.nanoTime(), config, freePort());
        Map<String, List<JsonNode>> stored = destinations("http://127.0.0.1:" + alone.port(2));
        for (String dn : confirmed) {
            int i = index.get(dn);
            assertThat(stored.get(device(i))).as("remote destinations of %s, answered with EventDNBackInService", device(i))
                    .extracting(d -> d.get("number").asText()).contains(LoadConfig.destination(i));
        }
        for (int i = 0; i < TERMINALS; i++) {
            for (JsonNode d : stored.get(device(i))) {
                assertThat(d.get("number").asText()).as("a destination of %s", device(i)).isEqualTo(LoadConfig.destination(i));
                assertThat(d.get("name").asText()).as("the name of %s's destination", device(i)).isEqualTo("d" + i);
            }
        }
        alone.process().destroy();
        assertThat(alone.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    private static void kill(TandemProcess process) throws InterruptedException {
        process.process().destroyForcibly(); // SIGKILL
        assertThat(process.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyActivationAnsweredBeforeTheSwitchIsKilledIsThereAfterItsRestart() throws Exception {
        Path config = LoadConfig.write(dir.resolve("load.yaml"), TERMINALS, 0, false);
        int linkPort = freePort();
        TandemProcess sw = startSwitch("switch", config, linkPort);
        TandemProcess server = start("server", TandemProcess.SERVER_UP, List.of("server", "--config", config.toString(), "--switch",
                "127.0.0.1:" + linkPort, "--cti-port", "0", "--http-port", "0", "--data-dir", dir.resolve("server").toString()));

        Map<String, Integer> answered = new ConcurrentHashMap<>();
        List<TandemClient> desks = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            TandemClient desk = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.port(1), "desk-" + c));
            desk.addListener(event -> {
                if (event.type() == MessageType.EVENT_DN_BACK_IN_SERVICE && event.referenceId().isPresent()) {
                    String dn = event.thisDn();
                    answered.put(dn, Integer.parseInt(dn) - LoadConfig.FIRST_TERMINAL);
                }
            });
            desks.add(desk);
        }
        try {
            long start = System.nanoTime();
            for (int i = 0; i < LOADED; i++) {
                LockSupport.parkNanos(start + i * (1_000_000_000L / RATE) - System.nanoTime()); // pacing the load, not waiting for a result
                desks.get(i % CLIENTS).send(activation(i));
                if (sw.process().isAlive() && answered.size() >= KILL_AFTER) {
                    kill(sw);
                }
            }
            if (sw.process().isAlive()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> answered.size() >= KILL_AFTER);
                kill(sw);
            }
            // the server delivers the answers the switch gave before it died, some of them late: wait until they stop coming
            java.util.concurrent.atomic.AtomicInteger previous = new java.util.concurrent.atomic.AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> answered.size() == previous.getAndSet(answered.size()));
            Set<String> confirmed = Set.copyOf(answered.keySet());
            assertThat(confirmed.size()).as("activations answered before the kill").isBetween(KILL_AFTER, LOADED - 1);

            // Restarted where the server cannot reach it: what the switch stored, and nothing else.
            assertStored(config, confirmed, answered);

            // Restarted where the server reconnects: every answered terminal is active again with its number.
            TandemProcess again = startSwitch("switch-again", config, linkPort);
            String api = "http://127.0.0.1:" + again.port(2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<JsonNode>> now = destinations(api);
                for (String dn : confirmed) {
                    int i = answered.get(dn);
                    assertThat(now.get(device(i))).as("active destination of %s", device(i))
                            .anyMatch(d -> d.get("number").asText().equals(LoadConfig.destination(i)) && d.get("active").asBoolean());
                }
            });

            // A quiet switch (no load to make the database write its file): activations one at a time, killed at once
            // after the last answer.
            answered.clear();
            for (int i = LOADED; i < TERMINALS; i++) {
                int expected = answered.size() + 1;
                desks.get(0).send(activation(i));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> answered.size() >= expected);
            }
            kill(again);
            assertThat(answered).hasSize(TERMINALS - LOADED);
            assertStored(config, Set.copyOf(answered.keySet()), answered);
        } finally {
            desks.forEach(TandemClient::close);
        }
    }
}
