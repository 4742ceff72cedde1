package io.tandem.server.divert;

import static io.tandem.protocol.MessageType.EVENT_DESTINATION_BUSY;
import static io.tandem.protocol.MessageType.EVENT_DIALING;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DND_OFF;
import static io.tandem.protocol.MessageType.EVENT_DND_ON;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_FORWARD_CANCEL;
import static io.tandem.protocol.MessageType.EVENT_FORWARD_SET;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_CALL_FORWARD_CANCEL;
import static io.tandem.protocol.MessageType.REQUEST_CALL_FORWARD_SET;
import static io.tandem.protocol.MessageType.REQUEST_MAKE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_SET_DND_OFF;
import static io.tandem.protocol.MessageType.REQUEST_SET_DND_ON;
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
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RequestSetDNDOn/Off and RequestCallForwardSet/Cancel against the embedded switch: who is told, what callers get, the
 * snapshot, and every refusal. SEP000000006003 (DN 6003) has dnd-option call-reject; the other phones ringer-off.
 */
class DndAndForwardTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String CALLER = "0698765432";

    private Agent desk;
    private Agent supervisor;

    @BeforeEach
    void start() {
        desk = registered("desk", "6002");
        supervisor = registered("supervisor", "6002");
    }

    private Agent registered(String name, String dn) {
        return t.registered(name, dn);
    }

    private static Message answer(Agent agent, Message request) {
        return agent.answer(request);
    }

    private static Message forward(String dn, String to) {
        return request(REQUEST_CALL_FORWARD_SET, dn, Attribute.OTHER_DN, to, Attribute.FORWARD_MODE, "Unconditional");
    }

    private int networkCall(String to) {
        return t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"" + to + "\"}").status();
    }

    @Test
    void dndOnAndOffReachEveryClientOfTheDnAndTheRequesterWithItsReference() {
        Message on = answer(desk, request(REQUEST_SET_DND_ON, "6002"));
        expect(on, EVENT_DND_ON, "6002");
        referenceIs(on, 77L);
        Message seen = expect(supervisor.events().next(WAIT), EVENT_DND_ON, "6002");
        referenceIs(seen, null);
        error(answer(desk, request(REQUEST_SET_DND_ON, "6002")), EVENT_ERROR, 43);
        assertThat(t.device("SEP000000006002").get("dnd").asBoolean()).isTrue();

        Agent late = registered("late", "6002");
        assertThat(late.events().drain(QUIET)).isEmpty();
        Message snapshot = answer(late, request(io.tandem.protocol.MessageType.REQUEST_QUERY_ADDRESS, "6002"));
        assertThat(snapshot.extensions().getString("DND")).contains("on");

        expect(answer(desk, request(REQUEST_SET_DND_OFF, "6002")), EVENT_DND_OFF, "6002");
        expect(supervisor.events().next(WAIT), EVENT_DND_OFF, "6002");
        expect(late.events().next(WAIT), EVENT_DND_OFF, "6002");
        error(answer(desk, request(REQUEST_SET_DND_OFF, "6002")), EVENT_ERROR, 43);
        assertThat(supervisor.events().drain(QUIET)).isEmpty();
        assertThat(answer(late, request(io.tandem.protocol.MessageType.REQUEST_QUERY_ADDRESS, "6002")).extensions().containsKey("DND"))
                .as("absent while off").isFalse();
    }

    @Test
    void callRejectGivesTheCallerBusyAndRingerOffStillRings() {
        Agent rejecting = registered("rejecting", "6003");
        expect(answer(rejecting, request(REQUEST_SET_DND_ON, "6003")), EVENT_DND_ON, "6003");
        Agent caller = registered("caller", "6001");
        caller.client().request(request(REQUEST_MAKE_CALL, "6001", Attribute.OTHER_DN, "6003")).join();
        String c = connId(call(caller.events().next(WAIT), EVENT_DIALING, "6001", null, "6003", "Internal"));
        Message busy = call(caller.events().next(WAIT), EVENT_DESTINATION_BUSY, "6001", c, "6003", "Internal");
        assertThat(busy.extensions().getString("CAUSE")).contains("USER_BUSY");
        assertThat(rejecting.events().drain(QUIET)).as("6003 never rings").isEmpty();

        expect(answer(desk, request(REQUEST_SET_DND_ON, "6002")), EVENT_DND_ON, "6002");
        expect(supervisor.events().next(WAIT), EVENT_DND_ON, "6002");
        assertThat(networkCall("6002")).isEqualTo(200);
        call(desk.events().next(WAIT), EVENT_RINGING, "6002", null, CALLER, "Inbound");
    }

    @Test
    void dndSetOnThePhoneItselfIsReportedWithoutReference() {
        assertThat(t.post("/api/switch/devices/SEP000000006002/dnd-on", "{}").status()).isEqualTo(200);
        referenceIs(expect(desk.events().next(WAIT), EVENT_DND_ON, "6002"), null);
        referenceIs(expect(supervisor.events().next(WAIT), EVENT_DND_ON, "6002"), null);
    }

    @Test
    void dndIsRefusedOnAnOutOfServiceDeviceAndForDnsTheClientHasNotRegistered() {
        assertThat(t.post("/api/switch/devices/SEP000000006002/out-of-service", "{}").status()).isEqualTo(200);
        desk.events().drain(QUIET);
        error(answer(desk, request(REQUEST_SET_DND_ON, "6002")), EVENT_ERROR, 58);
        error(answer(desk, request(REQUEST_SET_DND_ON, "6001")), EVENT_ERROR, 41);
        error(answer(desk, request(REQUEST_CALL_FORWARD_SET, "6001", Attribute.OTHER_DN, "6003", Attribute.FORWARD_MODE, "Unconditional")),
                EVENT_ERROR, 41);
        assertThat(supervisor.events().drain(QUIET)).noneMatch(m -> m.type() == EVENT_DND_ON);
    }

    @Test
    void aForwardedDnsCallsRingTheDestinationUntilTheForwardIsCancelled() {
        Agent target = registered("target", "6004");
        Message set = answer(desk, forward("6002", "6004"));
        expect(set, EVENT_FORWARD_SET, "6002");
        referenceIs(set, 77L);
        assertThat(set.string(Attribute.OTHER_DN)).contains("6004");
        assertThat(set.string(Attribute.FORWARD_MODE)).contains("Unconditional");
        assertThat(expect(supervisor.events().next(WAIT), EVENT_FORWARD_SET, "6002").string(Attribute.OTHER_DN)).contains("6004");

        assertThat(networkCall("6002")).isEqualTo(200);
        Message ringing = call(target.events().next(WAIT), EVENT_RINGING, "6004", null, CALLER, "Inbound");
        assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("6002");
        assertThat(desk.events().drain(QUIET)).as("6002 does not ring").isEmpty();
        Message snapshot = answer(supervisor, request(io.tandem.protocol.MessageType.REQUEST_QUERY_ADDRESS, "6002"));
        assertThat(snapshot.extensions().getString("FORWARD")).contains("6004");

        referenceIs(expect(answer(desk, request(REQUEST_CALL_FORWARD_CANCEL, "6002")), EVENT_FORWARD_CANCEL, "6002"), 77L);
        expect(supervisor.events().next(WAIT), EVENT_FORWARD_CANCEL, "6002");
        referenceIs(expect(answer(desk, request(REQUEST_CALL_FORWARD_CANCEL, "6002")), EVENT_FORWARD_CANCEL, "6002"), 77L);
        assertThat(supervisor.events().drain(QUIET)).as("a cancel that changed nothing answers the requester only").isEmpty();
        t.post("/api/switch/parties/" + CALLER + "/hangup", "{}");
        target.events().drain(QUIET);
        assertThat(networkCall("6002")).isEqualTo(200);
        call(desk.events().next(WAIT), EVENT_RINGING, "6002", null, CALLER, "Inbound");
    }

    @Test
    void forwardingToARemoteTerminalRingsItsMobile() {
        Agent remote = t.agent("remote");
        remote.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        expect(remote.events().next(WAIT), EVENT_REGISTERED, "7001");
        expect(remote.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
        expect(answer(desk, forward("6002", "7001")), EVENT_FORWARD_SET, "6002");
        assertThat(networkCall("6002")).isEqualTo(200);
        call(remote.events().next(WAIT), EVENT_RINGING, "7001", null, CALLER, "Inbound");
        assertThat(t.get("/api/switch/calls").body().get(0).get("alerting").asText()).isEqualTo("0611111111");
    }

    @Test
    void forwardRequestsAreRefusedWithTheirCodesAndChangeNothing() {
        error(answer(desk, request(REQUEST_CALL_FORWARD_SET, "6002", Attribute.OTHER_DN, "6004", Attribute.FORWARD_MODE, "OnBusy")),
                EVENT_ERROR, 51);
        error(answer(desk, request(REQUEST_CALL_FORWARD_SET, "6002", Attribute.OTHER_DN, "6004", Attribute.FORWARD_MODE, "Sideways")),
                EVENT_ERROR, 53);
        error(answer(desk, request(REQUEST_CALL_FORWARD_SET, "6002", Attribute.OTHER_DN, "6004")), EVENT_ERROR, 53);
        error(answer(desk, request(REQUEST_CALL_FORWARD_SET, "6002", Attribute.FORWARD_MODE, "Unconditional")), EVENT_ERROR, 53);
        error(answer(desk, forward("6002", "12")), EVENT_ERROR, 71);
        error(answer(desk, forward("6002", "6002")), EVENT_ERROR, 71);
        Agent other = registered("other", "6004");
        expect(answer(other, forward("6004", "6002")), EVENT_FORWARD_SET, "6004");
        Message loop = error(answer(desk, forward("6002", "6004")), EVENT_ERROR, 71);
        assertThat(loop.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("forwarding loop");
        assertThat(supervisor.events().drain(QUIET)).isEmpty();
        assertThat(t.device("SEP000000006002").get("forwardAll").size()).isZero();
    }

    @Test
    void aCallUnansweredAtADnWithForwardNoAnswerMovesOnAndABusyOneGoesToForwardBusy() {
        Agent forwarding = registered("forwarding", "6009");
        Agent target = registered("target", "6004");
        assertThat(networkCall("6009")).isEqualTo(200);
        String c = connId(call(forwarding.events().next(WAIT), EVENT_RINGING, "6009", null, CALLER, "Inbound"));
        Message released = call(forwarding.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_RELEASED, "6009", c, CALLER, "Inbound");
        assertThat(released.integer(Attribute.CALL_STATE)).as("CallState Forwarded").contains(23L);
        assertThat(released.extensions().getString("CAUSE")).contains("FORWARDED");
        Message ringing = call(target.events().next(WAIT), EVENT_RINGING, "6004", c, CALLER, "Inbound");
        assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("6009");
        t.post("/api/switch/parties/" + CALLER + "/hangup", "{}");
        target.events().next(WAIT);

        forwarding.client().request(request(REQUEST_MAKE_CALL, "6009", Attribute.OTHER_DN, "0612345678")).join();
        call(forwarding.events().next(WAIT), EVENT_DIALING, "6009", null, "0612345678", "Outbound");
        forwarding.events().drain(QUIET);
        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698000000\",\"to\":\"6009\"}").status()).isEqualTo(200);
        Message busyForwarded = call(target.events().next(WAIT), EVENT_RINGING, "6004", null, "0698000000", "Inbound");
        assertThat(busyForwarded.string(Attribute.THIRD_PARTY_DN)).contains("6009");
        assertThat(forwarding.events().drain(QUIET)).as("6009 is busy: the call never reaches it").isEmpty();
    }
}
