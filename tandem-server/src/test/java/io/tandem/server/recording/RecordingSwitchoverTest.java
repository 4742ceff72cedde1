package io.tandem.server.recording;

import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_PRIVATE_SERVICE;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.ha.HaRole;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A recording running when the primary dies is still known on the new primary, with its RECORDING_ID, and stops there. */
class RecordingSwitchoverTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aRunningRecordingSurvivesTheSwitchoverAndStopsOnRequestOnTheNewPrimary() {
        t = TandemHarness.startPrimary(INTERVAL, TIMEOUT);
        TServer primary = t.server();
        TServer backup = t.startBackup(INTERVAL, TIMEOUT);
        Agent agent = t.agentOn(primary, "agent");
        agent.client().registerAddress("6005").join();
        agent.events().next(WAIT);
        Agent onBackup = t.agentOn(backup, "agent");
        onBackup.client().registerAddress("6005").join();
        onBackup.events().next(WAIT);

        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6005\"}");
        String c = connId(agent.events().skipTo(EVENT_RINGING, WAIT));
        agent.client().request(request(REQUEST_ANSWER_CALL, "6005", Attribute.CONN_ID, c)).join();
        agent.events().next(WAIT); // EventEstablished
        assertThat(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID,
                "GSIP_RECORD_START")).type()).isEqualTo(EVENT_ACK);
        String id = agent.events().skipTo(EVENT_PRIVATE_INFO, WAIT).extensions().getString("RECORDING_ID").orElseThrow();
        await().atMost(WAIT).until(() -> backup.core().ha().status().replicated().getOrDefault("recordings", 0) == 1);

        primary.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> backup.core().ha().status().role() == HaRole.PRIMARY);
        onBackup.events().drain(Duration.ofMillis(300));
        Message ack = onBackup.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID,
                "GSIP_RECORD_START"));
        assertThat(ack.integer(Attribute.ERROR_CODE)).as("still recorded: %s", ack).contains(43L);
        assertThat(ack.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains(id);
        assertThat(onBackup.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID,
                "GSIP_RECORD_STOP")).type()).isEqualTo(EVENT_ACK);
        Message stopped = expect(onBackup.events().next(WAIT), EVENT_PRIVATE_INFO, "6005");
        assertThat(stopped.extensions().getString("RECORDING_STATE")).contains("stopped");
        assertThat(stopped.extensions().getString("RECORDING_ID")).contains(id);
        assertThat(t.getFrom(backup, "/api/switch/recordings").body()).isEmpty();
    }
}
