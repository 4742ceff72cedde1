package io.tandem.server.em;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CTI side of Extension Mobility: the user's DN follows the user to the phone, and can be controlled there. */
class ExtensionMobilityCtiTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String APP = "<appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo>";
    private static final String SUCCESS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><response><success/></response>";

    private Agent a;

    @BeforeEach
    void start() {
        a = t.agent("desk");
    }

    private String em(String xml) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + t.server().httpPort() + "/emservice/EMServiceServlet"))
                .POST(HttpRequest.BodyPublishers.ofString("xml=" + URLEncoder.encode(xml, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String login(String device, String user) {
        return "<request>" + APP + "<login><deviceName>" + device + "</deviceName><userID>" + user + "</userID></login></request>";
    }

    private Message register(String dn) {
        a.client().registerAddress(dn).join();
        return expect(a.events().next(WAIT), EVENT_REGISTERED, dn);
    }

    @Test
    void theUsersDnComesIntoServiceOnThePhoneAndCanBeControlledThere() throws Exception {
        extensionsAre(register("8101"), "SERVICE_STATE", "OutOfService", "OOS_REASON", "DeviceNotFound");
        extensionsAre(register("6007"), "SERVICE_STATE", "InService");

        assertThat(em(login("SEP000000006007", "emma"))).isEqualTo(SUCCESS);
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "6007"), "OOS_REASON", "DeviceNotFound");
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "8101"),
                "EM_DEVICE", "SEP000000006007", "EM_USER", "emma");
        assertThat(a.events().drain(QUIET)).isEmpty();

        TandemHarness.HttpResult placed = t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"8101\"}");
        assertThat(placed.body().get("alerting").asText()).as("the call rings the phone emma sits at").isEqualTo("8101");
        Message ringing = expect(a.events().next(WAIT), EVENT_RINGING, "8101");
        String connId = ringing.string(Attribute.CONN_ID).orElseThrow();
        a.client().request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, "8101")
                .put(Attribute.CONN_ID, connId).build()).join();
        expect(a.events().next(WAIT), EVENT_ESTABLISHED, "8101");
        a.client().request(Message.builder(MessageType.REQUEST_RELEASE_CALL).put(Attribute.THIS_DN, "8101")
                .put(Attribute.CONN_ID, connId).build()).join();
        expect(a.events().next(WAIT), EVENT_RELEASED, "8101");

        register("6001");
        a.client().request(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.THIS_DN, "8101")
                .put(Attribute.OTHER_DN, "6001").build()).join();
        String out = expect(a.events().next(WAIT), MessageType.EVENT_DIALING, "8101").string(Attribute.CONN_ID).orElseThrow();
        expect(a.events().next(WAIT), EVENT_RINGING, "6001");
        a.client().request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, "6001")
                .put(Attribute.CONN_ID, out).build()).join();
        expect(a.events().next(WAIT), EVENT_ESTABLISHED, "6001");
        expect(a.events().next(WAIT), EVENT_ESTABLISHED, "8101");
        a.client().request(Message.builder(MessageType.REQUEST_RELEASE_CALL).put(Attribute.THIS_DN, "8101")
                .put(Attribute.CONN_ID, out).build()).join();
        expect(a.events().next(WAIT), EVENT_RELEASED, "8101");
        expect(a.events().next(WAIT), EVENT_RELEASED, "6001");

        assertThat(em("<request>" + APP + "<logout><deviceName>SEP000000006007</deviceName></logout></request>")).isEqualTo(SUCCESS);
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_OUT_OF_SERVICE, "8101"), "OOS_REASON", "DeviceNotFound");
        extensionsAre(expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "6007"));
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"8101\"}").body().get("cause").asText())
                .isEqualTo("UNALLOCATED_NUMBER");
    }

    @Test
    void aProfileTheServerDoesNotControlGivesItNoControlOfThePhone() throws Exception {
        register("8102");
        assertThat(em(login("SEP000000006099", "otto"))).isEqualTo(SUCCESS);
        assertThat(a.events().drain(QUIET)).as("8102 stays out of service for this server").isEmpty();
        a.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9001,\"ThisDN\":\"8102\",\"OtherDN\":\"6001\"}");
        Message refused = error(a.events().next(WAIT), EVENT_ERROR, 1141);
        assertThat(refused.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("not in the controlled-device list");
    }
}
