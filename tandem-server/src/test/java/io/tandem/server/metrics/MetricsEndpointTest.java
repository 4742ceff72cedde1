package io.tandem.server.metrics;

import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on a running server: the Prometheus text with the figures of what clients did. */
class MetricsEndpointTest extends HarnessTest {


    /** The scraped samples, by series ({@code name{labels}}), and the response's content type. */
    private record Scrape(String contentType, Map<String, Double> samples) {
        double value(String series) {
            assertThat(samples).as("series " + series).containsKey(series);
            return samples.get(series);
        }
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.server().httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(response.headers().firstValue("Content-Type").orElse(""), samples);
    }

    @Test
    void clientsRegistrationsTerminalsEventsAndRequestLatencyAreExposed() throws Exception {
        Agent a = t.agent("desk");
        a.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111", "REMOTE_NAME", "Alice mobile")).join();
        expect(a.events().next(WAIT), MessageType.EVENT_REGISTERED, "7001");
        expect(a.events().next(WAIT), MessageType.EVENT_DN_BACK_IN_SERVICE, "7001");
        a.client().registerAddress("6001").join();
        expect(a.events().next(WAIT), MessageType.EVENT_REGISTERED, "6001");
        assertThatThrownBy(() -> a.client().registerAddress("9999").join()).hasMessageContaining("9999");

        Scrape s = scrape();

        assertThat(s.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(s.value("tandem_clients")).isEqualTo(1);
        assertThat(s.value("tandem_registrations")).isEqualTo(2);
        assertThat(s.value("tandem_extended_terminals")).isEqualTo(1);
        assertThat(s.value("tandem_switch_link_up")).isEqualTo(1);
        assertThat(s.value("tandem_ha_primary")).isEqualTo(1);
        assertThat(s.value("tandem_events_sent_total{type=\"EventRegistered\"}")).isEqualTo(2);
        assertThat(s.value("tandem_events_sent_total{type=\"EventDNBackInService\"}")).isEqualTo(1);
        assertThat(s.value("tandem_events_sent_total{type=\"EventError\"}")).isEqualTo(1);
        assertThat(s.value("tandem_request_duration_seconds_count{request=\"RequestRegisterAddress\",result=\"ok\"}")).isEqualTo(2);
        assertThat(s.value("tandem_request_duration_seconds_count{request=\"RequestRegisterAddress\",result=\"error\"}")).isEqualTo(1);
        assertThat(s.value("tandem_request_duration_seconds_count{request=\"RequestRegisterClient\",result=\"ok\"}")).isEqualTo(1);
        assertThat(s.samples().keySet()).as("latency histogram buckets").anyMatch(k -> k.startsWith("tandem_request_duration_seconds_bucket{")
                && k.contains("request=\"RequestRegisterAddress\"") && k.contains("le=\""));
        // EventServerConnected, EventLinkConnected, 2 EventRegistered, EventDNBackInService, EventError
        assertThat(s.value("tandem_client_events_sent_total{application=\"desk\",client=\"#1\"}")).isEqualTo(6);
        assertThat(s.value("tandem_client_queued_bytes{application=\"desk\",client=\"#1\"}")).isZero();
        assertThat(s.samples().keySet()).as("JVM metrics").anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""));

        a.client().close();
        await().atMost(WAIT).until(() -> scrape().value("tandem_clients") == 0);
        Scrape after = scrape();
        assertThat(after.value("tandem_registrations")).isZero();
        assertThat(after.value("tandem_extended_terminals")).isZero();
        assertThat(after.samples().keySet()).as("the gone client's series").noneMatch(k -> k.contains("client=\"#1\""));
    }
}
