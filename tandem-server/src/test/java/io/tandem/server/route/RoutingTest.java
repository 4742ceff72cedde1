package io.tandem.server.route;

import static io.tandem.protocol.MessageType.EVENT_ABANDONED;
import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_ATTACHED_DATA_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_DESTINATION_BUSY;
import static io.tandem.protocol.MessageType.EVENT_DIALING;
import static io.tandem.protocol.MessageType.EVENT_DIVERTED;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_HELD;
import static io.tandem.protocol.MessageType.EVENT_QUEUED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.EVENT_ROUTE_REQUEST;
import static io.tandem.protocol.MessageType.EVENT_ROUTE_USED;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_ATTACH_USER_DATA;
import static io.tandem.protocol.MessageType.REQUEST_INITIATE_TRANSFER;
import static io.tandem.protocol.MessageType.REQUEST_MAKE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_ROUTE_CALL;
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
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.RoutingSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Route point 5000 of the test configuration (device RP5000, select-route timer 15 s, no forwards) with routers on it:
 * exact event sequences and codes for routing, rejecting, timeouts and default routing, refusals, abandons, queues.
 */
class RoutingTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String CALLER = "0698765432";

    private TandemHarness t;

    @AfterEach
    void stop() {
        t.close();
    }

    private void start(RoutingSettings.RoutePointSettings defaults) {
        t = TandemHarness.start(c -> c.withRouting(new RoutingSettings(defaults, Map.of())));
    }

    private void start() {
        start(new RoutingSettings.RoutePointSettings(Duration.ofSeconds(10), null, 4));
    }

    private Agent registered(String name, String dn) {
        return t.registered(name, dn);
    }

    private static Message answer(Agent agent, Message request) {
        return agent.answer(request);
    }

    /** A network call to 5000 once its router's callback is in place; returns the router's EventRouteRequest. */
    private Message networkCallRouted(Agent router, String caller) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> t.get("/api/switch/route-points").body().get(0).get("routeCallback")
                .isTextual());
        assertThat(t.post("/api/switch/calls", "{\"from\":\"" + caller + "\",\"to\":\"5000\"}").status()).isEqualTo(200);
        Message request = call(router.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", null, caller, "Inbound");
        assertThat(request.string(Attribute.THIS_QUEUE)).contains("5000");
        assertThat(request.string(Attribute.ANI)).contains(caller);
        assertThat(request.string(Attribute.DNIS)).contains("5000");
        return request;
    }

    private static Message route(String connId, String destination) {
        return request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, connId, Attribute.OTHER_DN, destination);
    }

    @Test
    void aRoutedCallRingsItsDestinationWithTheSameConnIdAndTheUserDataAttachedAtTheRoutePoint() {
        start();
        Agent router = registered("router", "5000");
        Agent agent = registered("agent", "6001");
        String c = connId(networkCallRouted(router, CALLER));
        expect(answer(router, request(REQUEST_ATTACH_USER_DATA, "5000", Attribute.CONN_ID, c, Attribute.USER_DATA,
                KeyValueList.ofStrings("lang", "fr"))), EVENT_ATTACHED_DATA_CHANGED, "5000");

        Message used = answer(router, route(c, "6001"));
        call(used, EVENT_ROUTE_USED, "5000", c, "6001", "Inbound");
        referenceIs(used, 77L);
        assertThat(used.string(Attribute.THIS_QUEUE)).contains("5000");
        assertThat(used.extensions().containsKey("ROUTE_REASON")).isFalse();
        Message ringing = call(agent.events().next(WAIT), EVENT_RINGING, "6001", c, CALLER, "Inbound");
        assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("5000");
        assertThat(ringing.kvList(Attribute.USER_DATA)).isEqualTo(KeyValueList.ofStrings("lang", "fr"));
        agent.client().request(request(REQUEST_ANSWER_CALL, "6001", Attribute.CONN_ID, c)).join();
        call(agent.events().next(WAIT), EVENT_ESTABLISHED, "6001", c, CALLER, "Inbound");
        assertThat(router.events().drain(QUIET)).isEmpty();
        error(answer(router, route(c, "6002")), EVENT_ERROR, 56);
    }

    @Test
    void aCallRoutedToARemoteTerminalRingsItsMobile() {
        start();
        Agent router = registered("router", "5000");
        Agent remote = t.agent("remote");
        remote.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        expect(remote.events().next(WAIT), EVENT_REGISTERED, "7001");
        expect(remote.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
        String c = connId(networkCallRouted(router, CALLER));
        call(answer(router, route(c, "7001")), EVENT_ROUTE_USED, "5000", c, "7001", "Inbound");
        call(remote.events().next(WAIT), EVENT_RINGING, "7001", c, CALLER, "Inbound");
        assertThat(t.get("/api/switch/calls").body().get(0).get("alerting").asText()).isEqualTo("0611111111");
    }

    @Test
    void aCallRoutedToAnExtensionMobilityProfileDnRingsThePhoneItsUserIsLoggedInTo() throws Exception {
        start();
        Agent router = registered("router", "5000");
        Agent user = registered("emma", "8101");
        String app = "<appInfo><appID>emapi</appID><appCertificate>emapi</appCertificate></appInfo>";
        java.net.http.HttpResponse<String> login = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + t.server().httpPort() + "/emservice/EMServiceServlet"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("xml=" + java.net.URLEncoder.encode("<request>" + app
                        + "<login><deviceName>SEP000000006007</deviceName><userID>emma</userID></login></request>",
                        java.nio.charset.StandardCharsets.UTF_8))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.body()).contains("<success/>");
        expect(user.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "8101");
        String c = connId(networkCallRouted(router, CALLER));
        call(answer(router, route(c, "8101")), EVENT_ROUTE_USED, "5000", c, "8101", "Inbound");
        call(user.events().next(WAIT), EVENT_RINGING, "8101", c, CALLER, "Inbound");
        assertThat(t.get("/api/switch/calls").body().get(0).toString()).contains("SEP000000006007");
    }

    @Test
    void rejectGivesTheCallerBusy() {
        start();
        Agent router = registered("router", "5000");
        Agent caller = registered("caller", "6002");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> t.get("/api/switch/route-points").body().get(0).get("routeCallback")
                .isTextual());
        caller.client().request(request(REQUEST_MAKE_CALL, "6002", Attribute.OTHER_DN, "5000")).join();
        String c = connId(call(caller.events().next(WAIT), EVENT_DIALING, "6002", null, "5000", "Internal"));
        call(router.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", c, "6002", "Internal");
        Message released = call(answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.ROUTE_TYPE, "Reject")),
                EVENT_RELEASED, "5000", c, "6002", "Internal");
        assertThat(released.extensions().getString("CAUSE")).contains("ROUTE_REJECTED");
        Message ack = router.events().next(WAIT);
        assertThat(ack.type()).isEqualTo(EVENT_ACK);
        referenceIs(ack, 77L);
        Message busy = call(caller.events().next(WAIT), EVENT_DESTINATION_BUSY, "6002", c, "5000", "Internal");
        assertThat(busy.extensions().getString("CAUSE")).contains("USER_BUSY");
    }

    @Test
    void withoutAnAnswerWithinTheRouterTimeoutTheServerRoutesToTheDefaultDn() {
        start(new RoutingSettings.RoutePointSettings(Duration.ofMillis(300), "6002", 4));
        Agent router = registered("router", "5000");
        Agent fallback = registered("fallback", "6002");
        String c = connId(networkCallRouted(router, CALLER));
        Message used = call(router.events().next(WAIT), EVENT_ROUTE_USED, "5000", c, "6002", "Inbound");
        referenceIs(used, null);
        assertThat(used.extensions().getString("ROUTE_REASON")).contains("Timeout");
        call(fallback.events().next(WAIT), EVENT_RINGING, "6002", c, CALLER, "Inbound");
        error(answer(router, route(c, "6001")), EVENT_ERROR, 56);
    }

    @Test
    void whenTheLastRouterLeavesTheWaitingCallsAreDefaultRoutedAndLaterCallsFollowTheSwitch() {
        start(new RoutingSettings.RoutePointSettings(Duration.ofSeconds(10), "6002", 4));
        Agent router = registered("router", "5000");
        Agent watcher = t.agent("watcher");
        watcher.client().sendRaw("{\"message\":\"RequestRegisterAll\",\"ReferenceID\":1,\"AddressType\":\"RoutingPoint\"}");
        watcher.events().next(WAIT);
        Agent fallback = registered("fallback", "6002");
        String c = connId(networkCallRouted(router, CALLER));
        call(watcher.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", c, CALLER, "Inbound");
        router.client().unregisterAddress("5000").join();
        Message used = call(watcher.events().next(WAIT), EVENT_ROUTE_USED, "5000", c, "6002", "Inbound");
        assertThat(used.extensions().getString("ROUTE_REASON")).contains("NoRouter");
        call(fallback.events().next(WAIT), EVENT_RINGING, "6002", c, CALLER, "Inbound");

        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> t.get("/api/switch/route-points").body().get(0).get("routeCallback")
                .isNull());
        assertThat(t.post("/api/switch/calls", "{\"from\":\"0611110000\",\"to\":\"5000\"}").body().get("cause").asText())
                .as("no callback and no forwards: busy").isEqualTo("USER_BUSY");
    }

    @Test
    void refusalsAndTheBusyDestinationThatEndsTheSession() {
        start();
        Agent router = registered("router", "5000");
        Agent busy = registered("busy", "6003");
        busy.client().request(request(REQUEST_MAKE_CALL, "6003", Attribute.OTHER_DN, "0612345678")).join();
        busy.events().drain(QUIET);
        String c = connId(networkCallRouted(router, CALLER));
        error(answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c)), EVENT_ERROR, 53);
        error(answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6001",
                Attribute.ROUTE_TYPE, "Label")), EVENT_ERROR, 51);
        error(answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6001",
                Attribute.ROUTE_TYPE, "Sideways")), EVENT_ERROR, 53);
        error(answer(router, route("0000000000000000", "6001")), EVENT_ERROR, 56);
        error(answer(router, request(REQUEST_ROUTE_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002")), EVENT_ERROR, 41);
        Agent notRouter = registered("extension", "6001");
        error(answer(notRouter, request(REQUEST_ROUTE_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002")), EVENT_ERROR, 1141);
        error(answer(router, route(c, "12")), EVENT_ERROR, 71);
        assertThat(router.events().drain(QUIET)).as("nothing changed: the call still waits").isEmpty();

        Message released = call(answer(router, route(c, "6003")), EVENT_RELEASED, "5000", c, CALLER, "Inbound");
        assertThat(released.extensions().getString("CAUSE")).contains("REROUTE");
        error(router.events().next(WAIT), EVENT_ERROR, 231);
        assertThat(t.get("/api/switch/calls").body().toString()).doesNotContain(CALLER);
    }

    @Test
    void aCallerHangingUpAtTheRoutePointAbandons() {
        start();
        Agent router = registered("router", "5000");
        String c = connId(networkCallRouted(router, CALLER));
        t.post("/api/switch/parties/" + CALLER + "/hangup", "{}");
        call(router.events().next(WAIT), EVENT_ABANDONED, "5000", c, CALLER, "Inbound");
        error(answer(router, route(c, "6001")), EVENT_ERROR, 56);
    }

    @Test
    void aCallDefaultRoutedMoreThanTheRedirectionLimitIsReleased() {
        start(new RoutingSettings.RoutePointSettings(Duration.ofMillis(200), "5000", 2));
        Agent router = registered("router", "5000");
        String c = connId(networkCallRouted(router, CALLER));
        for (int i = 0; i < 2; i++) {
            assertThat(call(router.events().next(WAIT), EVENT_ROUTE_USED, "5000", c, "5000", "Inbound").extensions().getString("ROUTE_REASON"))
                    .contains("Timeout");
            call(router.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", c, CALLER, "Inbound");
        }
        Message released = call(router.events().next(WAIT), EVENT_RELEASED, "5000", c, CALLER, "Inbound");
        assertThat(released.extensions().getString("CAUSE")).contains("ROUTE_REJECTED");
    }

    @Test
    void aConsultationCallToTheRoutePointCarriesThePreviousConnId() {
        start();
        Agent router = registered("router", "5000");
        Agent agent = registered("agent", "6001");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> t.get("/api/switch/route-points").body().get(0).get("routeCallback")
                .isTextual());
        t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"6001\"}");
        String first = connId(call(agent.events().next(WAIT), EVENT_RINGING, "6001", null, CALLER, "Inbound"));
        agent.client().request(request(REQUEST_ANSWER_CALL, "6001", Attribute.CONN_ID, first)).join();
        agent.events().next(WAIT);
        agent.client().request(request(REQUEST_INITIATE_TRANSFER, "6001", Attribute.CONN_ID, first, Attribute.OTHER_DN, "5000")).join();
        expect(agent.events().next(WAIT), EVENT_HELD, "6001");
        String consult = connId(call(agent.events().next(WAIT), EVENT_DIALING, "6001", null, "5000", "Consult"));
        Message request = call(router.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", consult, "6001", "Consult");
        assertThat(request.string(Attribute.PREVIOUS_CONN_ID)).contains(first);
    }

    @Test
    void theFirstOfTwoRoutersWinsAndTheSecondGets56() {
        start();
        Agent first = registered("first", "5000");
        Agent second = registered("second", "5000");
        registered("agent", "6001");
        String c = connId(networkCallRouted(first, CALLER));
        call(second.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", c, CALLER, "Inbound");
        referenceIs(call(answer(first, route(c, "6001")), EVENT_ROUTE_USED, "5000", c, "6001", "Inbound"), 77L);
        referenceIs(call(second.events().next(WAIT), EVENT_ROUTE_USED, "5000", c, "6001", "Inbound"), null);
        error(answer(second, route(c, "6002")), EVENT_ERROR, 56);
    }

    @Test
    void aQueuedCallIsQueuedAndDivertedOnTheVirtualQueue() {
        start();
        Agent router = registered("router", "5000");
        Agent wallboard = registered("wallboard", "9000");
        registered("agent", "6001");
        String c = connId(networkCallRouted(router, CALLER));
        Message ack = answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.EXTENSIONS, ext("VQ", "9000")));
        assertThat(ack.type()).isEqualTo(EVENT_ACK);
        Message queued = call(wallboard.events().next(WAIT), EVENT_QUEUED, "9000", c, null, "Inbound");
        assertThat(queued.string(Attribute.THIS_QUEUE)).contains("9000");
        assertThat(queued.string(Attribute.THIRD_PARTY_DN)).contains("5000");
        error(answer(router, request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.EXTENSIONS, ext("VQ", "6001"))),
                EVENT_ERROR, 53);

        call(answer(router, route(c, "6001")), EVENT_ROUTE_USED, "5000", c, "6001", "Inbound");
        Message diverted = call(wallboard.events().next(WAIT), EVENT_DIVERTED, "9000", c, "6001", "Inbound");
        assertThat(diverted.extensions().getString("REASON")).contains("Routed");
    }
}
