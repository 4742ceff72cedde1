package io.tandem.server.recording;

import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_HOLD_CALL;
import static io.tandem.protocol.MessageType.REQUEST_PRIVATE_SERVICE;
import static io.tandem.protocol.MessageType.REQUEST_RETRIEVE_CALL;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.call;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * RequestPrivateService recording on the test configuration: 6005 and the profile lines record on application request,
 * 6010 records every call, remote terminal 7002 records through a gateway, 6004 is never recorded; the application user
 * controls profile emma-8845 (DN 8101) but not otto-8845 (DN 8102), nor phone SEP000000006099.
 */
class RecordingTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String CALLER = "0698765432";

    private static Message record(String dn, String connId, String kind) {
        return request(REQUEST_PRIVATE_SERVICE, dn, Attribute.CONN_ID, connId, Attribute.PRIVATE_MSG_ID, kind);
    }

    /** A network call to {@code dn} answered there through {@code agent}; returns its ConnID. */
    private String connected(Agent agent, String dn) {
        assertThat(t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"" + dn + "\"}").status()).isEqualTo(200);
        String c = connId(call(agent.events().skipTo(EVENT_RINGING, WAIT), EVENT_RINGING, dn, null, CALLER, "Inbound"));
        agent.client().request(request(REQUEST_ANSWER_CALL, dn, Attribute.CONN_ID, c)).join();
        agent.events().next(WAIT);
        return c;
    }

    private static Message info(Agent agent, String dn, String kind, String state) {
        Message m = expect(agent.events().next(WAIT), EVENT_PRIVATE_INFO, dn);
        assertThat(m.string(Attribute.PRIVATE_MSG_ID)).contains(kind);
        assertThat(m.extensions().getString("RECORDING_STATE")).as("RECORDING_STATE of %s", m).contains(state);
        return m;
    }

    @Test
    void aSupervisorNotOnTheCallRecordsPausesResumesAndStopsAnAgentsCallUnderOneRecordingId() {
        Agent agent = t.registered("agent", "6005");
        agent.client().agentLogin("6005", "1005").join();
        Agent supervisor = t.registered("supervisor", "6005");
        agent.events().drain(QUIET);
        String c = connected(agent, "6005");
        supervisor.events().drain(QUIET);

        Message ack = supervisor.answer(record("6005", c, "GSIP_RECORD_START"));
        assertThat(ack.type()).isEqualTo(EVENT_ACK);
        referenceIs(ack, 77L);
        assertThat(ack.string(Attribute.CONN_ID)).contains(c);
        String id = info(supervisor, "6005", "GSIP_RECORD_START", "started").extensions().getString("RECORDING_ID").orElseThrow();
        info(agent, "6005", "GSIP_RECORD_START", "started");
        error(supervisor.answer(record("6005", c, "GSIP_RECORD_START")), EVENT_ERROR, 43);
        error(supervisor.answer(record("6005", c, "GSIP_RECORD_RESUME")), EVENT_ERROR, 43);

        assertThat(supervisor.answer(record("6005", c, "GSIP_RECORD_PAUSE")).type()).isEqualTo(EVENT_ACK);
        assertThat(info(supervisor, "6005", "GSIP_RECORD_PAUSE", "paused").extensions().getString("RECORDING_ID")).contains(id);
        error(supervisor.answer(record("6005", c, "GSIP_RECORD_PAUSE")), EVENT_ERROR, 43);
        assertThat(supervisor.answer(record("6005", c, "GSIP_RECORD_RESUME")).type()).isEqualTo(EVENT_ACK);
        assertThat(info(supervisor, "6005", "GSIP_RECORD_RESUME", "resumed").extensions().getString("RECORDING_ID")).contains(id);
        assertThat(supervisor.answer(record("6005", c, "GSIP_RECORD_STOP")).type()).isEqualTo(EVENT_ACK);
        Message stopped = info(supervisor, "6005", "GSIP_RECORD_STOP", "stopped");
        assertThat(stopped.extensions().getString("RECORDING_ID")).contains(id);
        assertThat(stopped.extensions().containsKey("CAUSE")).isFalse();
        error(supervisor.answer(record("6005", c, "GSIP_RECORD_STOP")), EVENT_ERROR, 43);
        assertThat(t.get("/api/switch/recordings").body()).isEmpty();
        assertThat(t.get("/api/admin/recordings").body()).isEmpty();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            com.fasterxml.jackson.databind.JsonNode row = t.get("/api/admin/recordings/log").body().get(0);
            assertThat(row.get("recordingId").asText()).isEqualTo(id);
            assertThat(row.get("connId").asText()).isEqualTo(c);
            assertThat(row.get("dn").asText()).isEqualTo("6005");
            assertThat(row.get("agentId").asText()).isEqualTo("1005");
            assertThat(row.get("stoppedAt").isNumber()).isTrue();
            assertThat(row.get("cause").asText()).isEqualTo("REQUESTED");
            assertThat(row.get("recorder").asText()).isEqualTo("0699000000");
        });
    }

    @Test
    void refusalsChangeNothing() {
        Agent agent = t.registered("agent", "6005");
        Agent other = t.registered("other", "6004");
        assertThat(t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"6005\"}").status()).isEqualTo(200);
        String ringing = connId(call(agent.events().next(WAIT), EVENT_RINGING, "6005", null, CALLER, "Inbound"));
        error(agent.answer(record("6005", ringing, "GSIP_RECORD_START")), EVENT_ERROR, 506);
        error(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, ringing)), EVENT_ERROR, 53);
        error(agent.answer(record("6005", ringing, "GSIP_RECORD_SOMETHING")), EVENT_ERROR, 53);
        error(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_START")), EVENT_ERROR, 53);
        error(agent.answer(record("6005", "0000000000000000", "GSIP_RECORD_START")), EVENT_ERROR, 56);
        error(agent.answer(record("6004", ringing, "GSIP_RECORD_START")), EVENT_ERROR, 41);
        error(other.answer(record("6004", ringing, "GSIP_RECORD_START")), EVENT_ERROR, 56);
        String onNone = connected(other, "6004");
        error(other.answer(record("6004", onNone, "GSIP_RECORD_START")), EVENT_ERROR, 1141);
        assertThat(agent.events().drain(QUIET)).noneMatch(m -> m.type() == EVENT_PRIVATE_INFO);
        assertThat(t.get("/api/switch/recordings").body()).isEmpty();
    }

    @Test
    void theToneAndTheModeOfARequestReachTheSwitchAndUnknownOnesAreRefused() {
        Agent agent = t.registered("agent", "6005");
        String c = connected(agent, "6005");
        error(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_START",
                Attribute.EXTENSIONS, ext("tone", "loud"))), EVENT_ERROR, 53);
        error(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID, "GSIP_RECORD_START",
                Attribute.EXTENSIONS, ext("mode", "loud"))), EVENT_ERROR, 53);
        assertThat(t.get("/api/switch/recordings").body()).isEmpty();

        io.tandem.protocol.KeyValueList options = ext("tone", "both", "mode", "user", "id", "CASE-42");
        assertThat(agent.answer(request(REQUEST_PRIVATE_SERVICE, "6005", Attribute.CONN_ID, c, Attribute.PRIVATE_MSG_ID,
                "GSIP_RECORD_START", Attribute.EXTENSIONS, options)).type()).isEqualTo(EVENT_ACK);
        assertThat(info(agent, "6005", "GSIP_RECORD_START", "started").extensions().getString("RECORDING_ID")).contains("CASE-42");
        com.fasterxml.jackson.databind.JsonNode session = t.get("/api/switch/recordings").body().get(0);
        assertThat(session.get("recordingId").asText()).isEqualTo("CASE-42");
        assertThat(session.get("tone").asText()).isEqualTo("BOTH");
        assertThat(session.get("invocation").asText()).isEqualTo("USER");
    }

    @Test
    void anAutomaticLineIsRecordedWithoutARequestStoppedByHoldAndStartedAgainByRetrieve() {
        Agent agent = t.registered("agent", "6010");
        String c = connected(agent, "6010");
        Message started = info(agent, "6010", "GSIP_RECORD_START", "started");
        referenceIs(started, null);
        String id = started.extensions().getString("RECORDING_ID").orElseThrow();
        agent.client().request(request(REQUEST_HOLD_CALL, "6010", Attribute.CONN_ID, c)).join();
        assertThat(agent.events().next(WAIT).type()).isEqualTo(MessageType.EVENT_HELD);
        assertThat(info(agent, "6010", "GSIP_RECORD_STOP", "stopped").extensions().getString("CAUSE")).contains("HELD");
        agent.client().request(request(REQUEST_RETRIEVE_CALL, "6010", Attribute.CONN_ID, c)).join();
        assertThat(agent.events().next(WAIT).type()).isEqualTo(MessageType.EVENT_RETRIEVED);
        assertThat(info(agent, "6010", "GSIP_RECORD_START", "started").extensions().getString("RECORDING_ID")).contains(id);
        error(agent.answer(record("6010", c, "GSIP_RECORD_STOP")), EVENT_ERROR, 1141);
        t.post("/api/switch/parties/" + CALLER + "/hangup", "{}");
        assertThat(agent.events().next(WAIT).type()).isEqualTo(MessageType.EVENT_RELEASED);
        assertThat(info(agent, "6010", "GSIP_RECORD_STOP", "stopped").extensions().getString("CAUSE")).contains("CALL_RELEASED");
    }

    @Test
    void aRemoteTerminalIsRecordedThroughTheGateway() {
        Agent remote = t.agent("remote");
        remote.client().registerAddress("7002", ext("REMOTE_DEST", "0622222222")).join();
        remote.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
        assertThat(t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"7002\"}").status()).isEqualTo(200);
        String c = connId(call(remote.events().next(WAIT), EVENT_RINGING, "7002", null, CALLER, "Inbound"));
        t.post("/api/switch/parties/0622222222/answer", "{}");
        remote.events().next(WAIT);
        assertThat(remote.answer(record("7002", c, "GSIP_RECORD_START")).type()).isEqualTo(EVENT_ACK);
        info(remote, "7002", "GSIP_RECORD_START", "started");
        assertThat(t.get("/api/switch/recordings").body().get(0).get("dn").asText()).isEqualTo("7002");
    }

    private String em(String xml) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.server().httpPort() + "/emservice/EMServiceServlet"))
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static String login(String device, String user) {
        return "<request><appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo><login><deviceName>" + device
                + "</deviceName><userID>" + user + "</userID></login></request>";
    }

    @Test
    void anExtensionMobilityUserIsRecordedThroughTheControlledProfileAndTheLogoutStopsTheRecording() throws Exception {
        Agent hotDesk = t.registered("hot-desk", "8101");
        assertThat(em(login("SEP000000006099", "emma"))).contains("<success/>");
        hotDesk.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
        String c = connected(hotDesk, "8101");
        assertThat(hotDesk.answer(record("8101", c, "GSIP_RECORD_START")).type()).as("the phone is not controlled: the profile is")
                .isEqualTo(EVENT_ACK);
        info(hotDesk, "8101", "GSIP_RECORD_START", "started");
        assertThat(t.get("/api/admin/recordings").body().get(0).get("dn").asText()).isEqualTo("8101");

        assertThat(em("<request><appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo><logout><deviceName>"
                + "SEP000000006099</deviceName></logout></request>")).contains("<success/>");
        Message released = hotDesk.events().skipTo(MessageType.EVENT_RELEASED, WAIT);
        assertThat(released.extensions().getString("CAUSE")).contains("PHONE_RESET");
        assertThat(info(hotDesk, "8101", "GSIP_RECORD_STOP", "stopped").extensions().getString("CAUSE")).contains("PHONE_RESET");
        assertThat(t.get("/api/switch/recordings").body()).isEmpty();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            com.fasterxml.jackson.databind.JsonNode row = t.get("/api/admin/recordings/log").body().get(0);
            assertThat(row.get("emUser").asText()).isEqualTo("emma");
            assertThat(row.get("cause").asText()).isEqualTo("PHONE_RESET");
        });
    }

    @Test
    void aUserLoggedInWithAProfileTheApplicationDoesNotControlIsNotRecorded() throws Exception {
        Agent caller = t.registered("caller", "6005");
        t.registered("watch", "8102");
        assertThat(em(login("SEP000000006099", "otto"))).contains("<success/>");
        caller.client().request(request(MessageType.REQUEST_MAKE_CALL, "6005", Attribute.OTHER_DN, "8102")).join();
        String c = connId(caller.events().next(WAIT));
        t.post("/api/switch/parties/8102/answer", "{}");
        caller.events().next(WAIT);
        Agent supervisor = t.registered("supervisor", "8102");
        error(supervisor.answer(record("8102", c, "GSIP_RECORD_START")), EVENT_ERROR, 1141);
        assertThat(t.get("/api/switch/recordings").body()).isEmpty();
    }
}
