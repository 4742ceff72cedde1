package io.tandem.server.agent;

import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.AgentSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agents on the DNs CUCM contact centers use: an extended remote terminal (the agent stays logged in while the device
 * goes out of service and back, unless logout-on-out-of-service) and an Extension Mobility profile DN (the agent keeps
 * its state while the user's login moves the DN to another phone).
 */
class AgentOnTerminalsTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String APP = "<appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo>";
    private TandemHarness t;

    @AfterEach
    void stop() {
        t.close();
    }

    private String agentOn(String dn) {
        return t.server().core().onCoreThread(() -> t.server().core().agents().onDn(dn)
                .map(a -> a.agentId() + " " + a.state() + " " + a.reasons().entries()).orElse("none")).join();
    }

    private static void send(Agent desk, String json) {
        desk.client().sendRaw(json);
    }

    private void loggedInNotReady(Agent desk, String dn) {
        send(desk, "{\"message\":\"RequestAgentLogin\",\"ThisDN\":\"" + dn + "\",\"AgentID\":\"1001\"}");
        send(desk, "{\"message\":\"RequestAgentNotReady\",\"ThisDN\":\"" + dn + "\",\"Reasons\":{\"ReasonCode\":\"Training\"}}");
        desk.events().drain(QUIET);
        assertThat(agentOn(dn)).isEqualTo("1001 NOT_READY {ReasonCode=Training}");
    }

    @Test
    void anAgentOnARemoteTerminalStaysLoggedInThroughADeviceOutOfServiceCycle() {
        t = TandemHarness.start(c -> c);
        Agent desk = t.agent("desk");
        desk.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        expect(desk.events().next(WAIT), EVENT_REGISTERED, "7001");
        expect(desk.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
        loggedInNotReady(desk, "7001");

        assertThat(t.post("/api/switch/devices/CTIRDalice/out-of-service", "").status()).isEqualTo(200);
        expect(desk.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7001");
        assertThat(t.post("/api/switch/devices/CTIRDalice/in-service", "").status()).isEqualTo(200);
        expect(desk.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
        assertThat(desk.events().drain(QUIET)).extracting(Message::name).doesNotContain("EventAgentLogout");
        assertThat(agentOn("7001")).isEqualTo("1001 NOT_READY {ReasonCode=Training}");
    }

    @Test
    void withLogoutOnOutOfServiceTheAgentGoesWithTheDevice() {
        t = TandemHarness.start(c -> c.withAgents(new AgentSettings(List.of(), AgentSettings.StrictId.OFF, false, true, Duration.ZERO,
                Duration.ZERO, true)));
        Agent desk = t.agent("desk");
        desk.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        desk.events().drain(QUIET);
        loggedInNotReady(desk, "7001");

        assertThat(t.post("/api/switch/devices/CTIRDalice/out-of-service", "").status()).isEqualTo(200);
        expect(desk.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "7001");
        Message logout = expect(desk.events().next(WAIT), EVENT_AGENT_LOGOUT, "7001");
        assertThat(logout.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("LOGOUT_REASON", "OutOfService"));
        assertThat(agentOn("7001")).isEqualTo("none");
    }

    private String em(String xml) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.server().httpPort() + "/emservice/EMServiceServlet"))
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("<success/>");
        return r.body();
    }

    @Test
    void anAgentOnAProfileDnKeepsItsStateWhenTheUserMovesToAnotherPhone() throws Exception {
        t = TandemHarness.start(c -> c);
        Agent desk = t.agent("desk");
        em("<request>" + APP + "<login><deviceName>SEP000000006007</deviceName><userID>emma</userID></login></request>");
        desk.client().registerAddress("8101").join();
        Message registered = expect(desk.events().next(WAIT), EVENT_REGISTERED, "8101");
        assertThat(registered.extensions().getString("SERVICE_STATE")).contains("InService");
        loggedInNotReady(desk, "8101");

        em("<request>" + APP + "<logout><deviceName>SEP000000006007</deviceName></logout></request>");
        expect(desk.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "8101");
        em("<request>" + APP + "<login><deviceName>SEP000000006099</deviceName><userID>emma</userID></login></request>");
        Message back = expect(desk.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "8101");
        assertThat(back.extensions().getString("EM_DEVICE")).contains("SEP000000006099");
        assertThat(desk.events().drain(QUIET)).extracting(Message::name).doesNotContain("EventAgentLogout");
        assertThat(agentOn("8101")).isEqualTo("1001 NOT_READY {ReasonCode=Training}");
        send(desk, "{\"message\":\"RequestAgentReady\",\"ThisDN\":\"8101\"}");
        expect(desk.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_AGENT_READY, "8101");
    }
}
