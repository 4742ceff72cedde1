package io.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.process.TandemProcess;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventListener;
import io.tandem.client.TandemClient;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote destinations the server added do not leak across crashes (security-probe D6): a terminal is extended to a
 * new number and the all-in-one server is killed with SIGKILL, five times; every extension succeeds, and the device
 * holds only the last number afterwards. Run-time DNs answered just before each kill are all there (D12).
 */
class CrashRecoveryProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void destinationsAddedBeforeACrashAreRemovedAtTheNextStart() throws Exception {
        for (int round = 1; round <= 5; round++) {
            TandemProcess server = TandemProcess.start(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    List.of("-Xmx256m"), dir.resolve("server" + round + ".log"), TandemProcess.SERVER_UP,
                    List.of("server", "--cti-port", "0", "--http-port", "0", "--data-dir", dir.resolve("data").toString()));
            try {
                int cti = server.port(1);
                String number = "069800000" + round;
                LinkedBlockingQueue<Message> events = new LinkedBlockingQueue<>();
                try (TandemClient desk = TandemClient.connect(ClientOptions.tcp("127.0.0.1", cti, "desk"))) {
                    desk.addListener((EventListener) events::add);
                    desk.registerAddress("7003", KeyValueList.EMPTY.with("REMOTE_DEST", number)).join();
                    Message outcome = next(events, MessageType.EVENT_DN_BACK_IN_SERVICE, MessageType.EVENT_HARDWARE_ERROR);
                    assertThat(outcome.type()).as("round " + round + ": " + outcome).isEqualTo(MessageType.EVENT_DN_BACK_IN_SERVICE);
                    if (round == 5) {
                        JsonNode device = device(server.port(2), "CTIRDagent03");
                        assertThat(device.get("remoteDestinations").findValuesAsText("number")).as("only the number in use is left")
                                .containsExactly(number);
                        for (int earlier = 1; earlier < 5; earlier++) {
                            assertThat(get(server.port(2), "/api/admin/dns/990" + earlier)).as("a run-time DN answered just before the kill")
                                    .isEqualTo(200);
                        }
                    }
                    // the server's record of the destination it added is written (at most 100 ms later) ...
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                            .until(() -> metric(server.port(2), "tandem_added_destination_changes_unwritten") == 0);
                    // ... and a run-time DN change is written durably (CHECKPOINT), which puts it and the switch's destination in the file
                    assertThat(post(server.port(2), "/api/admin/config/dns", "{\"number\":\"990" + round + "\"}")).isEqualTo(200);
                    server.process().destroyForcibly(); // the crash, while the desk is connected and the terminal extended
                    assertThat(server.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                server.process().destroyForcibly();
                assertThat(server.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static Message next(LinkedBlockingQueue<Message> events, MessageType... wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Message m = events.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && List.of(wanted).contains(m.type())) {
                return m;
            }
        }
        throw new AssertionError("none of " + List.of(wanted) + " within 15 s");
    }

    private static double metric(int httpPort, String name) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
    }

    private static int get(int httpPort, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int post(int httpPort, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode device(int httpPort, String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/switch/devices/" + name)).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
