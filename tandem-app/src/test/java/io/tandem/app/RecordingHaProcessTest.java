package io.tandem.app;

import static io.tandem.protocol.MessageType.EVENT_MONITORING_CANCELLED;
import static io.tandem.protocol.MessageType.EVENT_MONITORING_NEXT_CALL;
import static io.tandem.protocol.MessageType.EVENT_PRIMARY_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tandem.client.EventCollector;
import io.tandem.client.HotStandbyClient;
import io.tandem.client.RequestFailedException;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call recorded and monitored when the primary is killed with SIGKILL (the demo's switch and pair as processes, the
 * agent and the supervisor as hot-standby clients): the new primary still reports the recording, with its RECORDING_ID,
 * and the monitoring, and stops both on request.
 */
class RecordingHaProcessTest extends PairProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Message request(MessageType type, String dn, Object... attributes) {
        Message.Builder b = Message.builder(type).put(Attribute.THIS_DN, dn);
        for (int i = 0; i < attributes.length; i += 2) {
            b.put((Attribute) attributes[i], attributes[i + 1]);
        }
        return b.build();
    }

    @Test
    void aRecordedAndMonitoredCallIsStillSoOnTheNewPrimaryAndStopsThere() throws Exception {
        DemoPair pair = startDemoPair();
        HotStandbyClient agent = standby("agent-6003", pair.ctiA(), pair.ctiB());
        HotStandbyClient supervisor = standby("supervisor-6100", pair.ctiA(), pair.ctiB());
        EventCollector agentEvents = new EventCollector();
        EventCollector supervisorEvents = new EventCollector();
        agent.addListener(agentEvents);
        supervisor.addListener(supervisorEvents);
        agent.registerAddress("6003").join();
        supervisor.registerAddress("6100").join();

        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(pair.switchApi() + "/api/switch/calls")).header("Authorization",
                LauncherProcessTest.SWITCH_APP_USER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"0690000051\",\"to\":\"6003\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String c = agentEvents.skipTo(EVENT_RINGING, WAIT).string(Attribute.CONN_ID).orElseThrow();
        agent.request(request(MessageType.REQUEST_ANSWER_CALL, "6003", Attribute.CONN_ID, c)).get(5, java.util.concurrent.TimeUnit.SECONDS);
        agent.request(request(MessageType.REQUEST_PRIVATE_SERVICE, "6003", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_START"))
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        String id = agentEvents.skipTo(EVENT_PRIVATE_INFO, WAIT).extensions().getString("RECORDING_ID").orElseThrow();
        supervisor.request(request(MessageType.REQUEST_MONITOR_NEXT_CALL, "6100", Attribute.OTHER_DN, "6003", Attribute.EXTENSIONS,
                KeyValueList.ofStrings("MonitorMode", "mute"))).get(5, java.util.concurrent.TimeUnit.SECONDS);
        supervisorEvents.skipTo(EVENT_MONITORING_NEXT_CALL, WAIT);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
            com.fasterxml.jackson.databind.JsonNode replicated = json.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(pair.backupHttp() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString()).body()).at("/ha/replicated");
            return replicated.path("recordings").asInt() == 1 && replicated.path("monitorings").asInt() == 1;
        });

        pair.a().process().destroyForcibly();
        agentEvents.skipTo(EVENT_PRIMARY_CHANGED, Duration.ofSeconds(20));
        Throwable again = catchThrowable(() -> agent.request(request(MessageType.REQUEST_PRIVATE_SERVICE, "6003", Attribute.CONN_ID, c,
                Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_START")).get(5, java.util.concurrent.TimeUnit.SECONDS));
        Message refused = ((RequestFailedException) again.getCause()).event();
        assertThat(refused.integer(Attribute.ERROR_CODE)).as("still recorded on the new primary").contains(43L);
        assertThat(refused.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains(id);
        agent.request(request(MessageType.REQUEST_PRIVATE_SERVICE, "6003", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_STOP"))
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        Message stopped = agentEvents.skipTo(EVENT_PRIVATE_INFO, WAIT);
        assertThat(stopped.extensions().getString("RECORDING_STATE")).contains("stopped");
        assertThat(stopped.extensions().getString("RECORDING_ID")).contains(id);

        supervisor.request(request(MessageType.REQUEST_CANCEL_MONITORING, "6100", Attribute.OTHER_DN, "6003"))
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(supervisorEvents.skipTo(EVENT_MONITORING_CANCELLED, WAIT).string(Attribute.OTHER_DN)).contains("6003");
        assertThat(supervisor.primaryServer()).contains("tandem-b");
    }
}
