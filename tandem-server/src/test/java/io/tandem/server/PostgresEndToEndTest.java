package io.tandem.server;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;

import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_PRIVATE_SERVICE;
import static io.tandem.server.call.CallAsserts.call;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.common.db.PostgresTestServer;
import io.tandem.protocol.Attribute;
import io.tandem.server.TandemHarness.Agent;
import org.junit.jupiter.api.Test;

/** The all-in-one server with its configuration, switch state and recording log in PostgreSQL. */
class PostgresEndToEndTest {

    @Test
    void extendAndConnectOnPostgres() {
        try (TandemHarness t = TandemHarness.start(PostgresTestServer.freshSchema())) {
            Agent monitor = t.agent("monitor");
            monitor.client().registerAddress("7001").join();
            expect(monitor.events().next(WAIT), EVENT_REGISTERED, "7001");
            Agent a = t.agent("desk");
            a.client().registerAddress("7001", ext("REMOTE_DEST", "0677777777", "REMOTE_NAME", "PG mobile")).join();
            expect(a.events().next(WAIT), EVENT_REGISTERED, "7001");
            extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001"), "REMOTE_DEST", "0677777777", "REMOTE_NAME", "PG mobile");
            expect(monitor.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
            a.client().close();
            extensionsAre(expect(monitor.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7001"), "OOS_REASON", "NotExtended");
        }
    }

    @Test
    void aRecordingIsLoggedInPostgres() {
        try (TandemHarness t = TandemHarness.start(PostgresTestServer.freshSchema())) {
            Agent agent = t.registered("agent", "6005");
            assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6005\"}").status()).isEqualTo(200);
            String c = connId(call(agent.events().skipTo(EVENT_RINGING, WAIT), EVENT_RINGING, "6005", null, "0698765432", "Inbound"));
            agent.client().request(request(REQUEST_ANSWER_CALL, "6005", Attribute.CONN_ID, c)).join();
            agent.events().next(WAIT);
            for (String kind : new String[] {"GSIP_RECORD_START", "GSIP_RECORD_STOP"}) {
                assertThat(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID, kind,
                        Attribute.EXTENSIONS, ext("id", "PG-1"))).type()).isEqualTo(EVENT_ACK);
                expect(agent.events().next(WAIT), EVENT_PRIVATE_INFO, "6005");
            }
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode row = t.get("/api/admin/recordings/log").body().get(0);
                assertThat(row.get("recordingId").asText()).isEqualTo("PG-1");
                assertThat(row.get("connId").asText()).isEqualTo(c);
                assertThat(row.get("cause").asText()).isEqualTo("REQUESTED");
            });
        }
    }
}
