package io.tandem.server.call;

import static io.tandem.protocol.MessageType.EVENT_ABANDONED;
import static io.tandem.protocol.MessageType.EVENT_ADDRESS_INFO;
import static io.tandem.protocol.MessageType.EVENT_ATTACHED_DATA_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_DESTINATION_BUSY;
import static io.tandem.protocol.MessageType.EVENT_DIALING;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DTMF_SENT;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_HELD;
import static io.tandem.protocol.MessageType.EVENT_NETWORK_REACHED;
import static io.tandem.protocol.MessageType.EVENT_PARTY_ADDED;
import static io.tandem.protocol.MessageType.EVENT_PARTY_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_PARTY_DELETED;
import static io.tandem.protocol.MessageType.EVENT_PARTY_INFO;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RETRIEVED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ALTERNATE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_ATTACH_USER_DATA;
import static io.tandem.protocol.MessageType.REQUEST_COMPLETE_CONFERENCE;
import static io.tandem.protocol.MessageType.REQUEST_COMPLETE_TRANSFER;
import static io.tandem.protocol.MessageType.REQUEST_DELETE_USER_DATA;
import static io.tandem.protocol.MessageType.REQUEST_HOLD_CALL;
import static io.tandem.protocol.MessageType.REQUEST_INITIATE_CONFERENCE;
import static io.tandem.protocol.MessageType.REQUEST_INITIATE_TRANSFER;
import static io.tandem.protocol.MessageType.REQUEST_MAKE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_QUERY_ADDRESS;
import static io.tandem.protocol.MessageType.REQUEST_QUERY_CALL;
import static io.tandem.protocol.MessageType.REQUEST_RECONNECT_CALL;
import static io.tandem.protocol.MessageType.REQUEST_RELEASE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_RETRIEVE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_SEND_DTMF;
import static io.tandem.protocol.MessageType.REQUEST_SINGLE_STEP_TRANSFER;
import static io.tandem.protocol.MessageType.REQUEST_UPDATE_USER_DATA;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.call;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.data;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Call control through CTI: exact event sequences on every registered DN. */
class CallControlTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String CALLER = "0698765432";
    private static final String BOB_MOBILE = "0622222222";

    private Agent a;
    private Agent b;

    @BeforeEach
    void start() {
        a = registered("desk-6001", "6001");
        b = registered("desk-6002", "6002");
    }

    private Agent registered(String name, String dn) {
        Agent agent = t.agent(name);
        agent.client().registerAddress(dn).join();
        agent.events().next(MessageType.EVENT_REGISTERED, WAIT);
        return agent;
    }

    private static long send(Agent agent, Message request) {
        CompletableFuture<Message> answer = agent.client().request(request);
        return answer.join().referenceId().orElseThrow();
    }

    private static Message next(Agent agent) {
        return agent.events().next(WAIT);
    }

    private void quiet(Agent... agents) {
        for (Agent agent : agents) {
            assertThat(agent.events().drain(QUIET)).as("no further events").isEmpty();
        }
    }

    private JsonNode control(String path, String body) {
        TandemHarness.HttpResult result = t.post(path, body);
        assertThat(result.status()).as("%s %s", path, result.body()).isEqualTo(200);
        return result.body();
    }

    /** An inbound call from CALLER to {@code dn}, answered through CTI; returns its ConnID. */
    private String inboundAnswered(Agent agent, String dn) {
        control("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"" + dn + "\"}");
        String c = connId(call(next(agent), EVENT_RINGING, dn, null, CALLER, "Inbound"));
        send(agent, request(REQUEST_ANSWER_CALL, dn, Attribute.CONN_ID, c));
        call(next(agent), EVENT_ESTABLISHED, dn, c, CALLER, "Inbound");
        return c;
    }

    /** 6001 consults 6002 from call {@code c1} (transfer or conference) and 6002 answers; returns the consultation ConnID. */
    private String consultAnswered(String c1, MessageType initiate) {
        long ref = send(a, request(initiate, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "6002"));
        referenceIs(call(next(a), EVENT_HELD, "6001", c1, CALLER, "Inbound"), ref);
        Message dialing = call(next(a), EVENT_DIALING, "6001", null, "6002", "Consult");
        String c2 = connId(dialing);
        assertThat(c2).isNotEqualTo(c1);
        call(next(b), EVENT_RINGING, "6002", c2, "6001", "Consult");
        send(b, request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c2));
        call(next(b), EVENT_ESTABLISHED, "6002", c2, "6001", "Consult");
        call(next(a), EVENT_ESTABLISHED, "6001", c2, "6002", "Consult");
        return c2;
    }

    private long extend(Agent agent, String dn, String dest) {
        long ref = send(agent, request(MessageType.REQUEST_REGISTER_ADDRESS, dn, Attribute.EXTENSIONS, ext("REMOTE_DEST", dest)));
        agent.events().next(MessageType.EVENT_REGISTERED, WAIT);
        agent.events().next(EVENT_DN_BACK_IN_SERVICE, WAIT);
        return ref;
    }

    @Test
    void internalCall() {
        long ref = send(a, request(REQUEST_MAKE_CALL, "6001", Attribute.OTHER_DN, "6002"));
        Message dialing = call(next(a), EVENT_DIALING, "6001", null, "6002", "Internal");
        referenceIs(dialing, ref);
        String c = connId(dialing);
        referenceIs(call(next(b), EVENT_RINGING, "6002", c, "6001", "Internal"), null);

        long answerRef = send(b, request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c));
        referenceIs(call(next(b), EVENT_ESTABLISHED, "6002", c, "6001", "Internal"), answerRef);
        call(next(a), EVENT_ESTABLISHED, "6001", c, "6002", "Internal");

        long releaseRef = send(a, request(REQUEST_RELEASE_CALL, "6001", Attribute.CONN_ID, c));
        Message released = call(next(a), EVENT_RELEASED, "6001", c, "6002", "Internal");
        referenceIs(released, releaseRef);
        assertThat(released.integer(Attribute.CALL_STATE)).contains(0L);
        call(next(b), EVENT_RELEASED, "6002", c, "6001", "Internal");
        quiet(a, b);
        assertThat(t.get("/api/switch/calls").body()).isEmpty();
    }

    @Test
    void inboundCallToAnExtendedRemoteTerminalAnsweredThroughCti() {
        Agent r = t.agent("remote");
        extend(r, "7002", BOB_MOBILE);
        JsonNode placed = control("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"7002\"}");
        assertThat(placed.get("alerting").asText()).isEqualTo(BOB_MOBILE);
        String c = connId(call(next(r), EVENT_RINGING, "7002", null, CALLER, "Inbound"));
        long ref = send(r, request(REQUEST_ANSWER_CALL, "7002", Attribute.CONN_ID, c));
        referenceIs(call(next(r), EVENT_ESTABLISHED, "7002", c, CALLER, "Inbound"), ref);
        control("/api/switch/parties/" + BOB_MOBILE + "/hangup", null);
        call(next(r), EVENT_RELEASED, "7002", c, CALLER, "Inbound");
        quiet(r);
    }

    @Test
    void inboundCallToAnExtendedRemoteTerminalAnsweredByHandAtTheRemoteDestination() {
        Agent r = t.agent("remote");
        extend(r, "7002", BOB_MOBILE);
        control("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"7002\"}");
        String c = connId(call(next(r), EVENT_RINGING, "7002", null, CALLER, "Inbound"));
        control("/api/switch/parties/" + BOB_MOBILE + "/answer", null);
        referenceIs(call(next(r), EVENT_ESTABLISHED, "7002", c, CALLER, "Inbound"), null);
        control("/api/switch/parties/" + CALLER + "/hangup", null);
        call(next(r), EVENT_RELEASED, "7002", c, CALLER, "Inbound");
        quiet(r);
    }

    @Test
    void outboundCallFromARemoteTerminalRingsTheRemoteDestinationFirst() {
        Agent r = t.agent("remote");
        extend(r, "7002", BOB_MOBILE);
        long ref = send(r, request(REQUEST_MAKE_CALL, "7002", Attribute.OTHER_DN, "6002"));
        Message dialing = call(next(r), EVENT_DIALING, "7002", null, "6002", "Internal");
        referenceIs(dialing, ref);
        String c = connId(dialing);
        quiet(b);
        JsonNode calls = t.get("/api/switch/calls").body();
        assertThat(calls.get(0).get("alerting").asText()).as("the mobile rings first").isEqualTo(BOB_MOBILE);

        control("/api/switch/parties/" + BOB_MOBILE + "/answer", null);
        call(next(b), EVENT_RINGING, "6002", c, "7002", "Internal");
        send(b, request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c));
        call(next(b), EVENT_ESTABLISHED, "6002", c, "7002", "Internal");
        call(next(r), EVENT_ESTABLISHED, "7002", c, "6002", "Internal");

        control("/api/switch/parties/" + BOB_MOBILE + "/hangup", null);
        call(next(r), EVENT_RELEASED, "7002", c, "6002", "Internal");
        call(next(b), EVENT_RELEASED, "6002", c, "7002", "Internal");
        quiet(r, b);
    }

    @Test
    void outboundCallFromARemoteTerminalToTheNetwork() {
        Agent r = t.agent("remote");
        extend(r, "7002", BOB_MOBILE);
        send(r, request(REQUEST_MAKE_CALL, "7002", Attribute.OTHER_DN, "0611112222"));
        String c = connId(call(next(r), EVENT_DIALING, "7002", null, "0611112222", "Outbound"));
        control("/api/switch/parties/" + BOB_MOBILE + "/answer", null);
        call(next(r), EVENT_NETWORK_REACHED, "7002", c, "0611112222", "Outbound");
        control("/api/switch/parties/0611112222/answer", null);
        call(next(r), EVENT_ESTABLISHED, "7002", c, "0611112222", "Outbound");
        send(r, request(REQUEST_RELEASE_CALL, "7002", Attribute.CONN_ID, c));
        call(next(r), EVENT_RELEASED, "7002", c, "0611112222", "Outbound");
        quiet(r);
    }

    @Test
    void aRemoteTerminalThatIsNotExtendedCannotMakeCalls() {
        Agent r = t.agent("remote");
        r.client().registerAddress("7002").join();
        r.events().next(MessageType.EVENT_REGISTERED, WAIT);
        r.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9077,\"ThisDN\":\"7002\",\"OtherDN\":\"6002\"}");
        Message e = error(next(r), EVENT_ERROR, 58);
        referenceIs(e, 9077L);
        assertThat(e.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("no active remote destination");
        assertThat(t.get("/api/switch/calls").body()).as("nothing dialled").isEmpty();
        quiet(b);
    }

    @Test
    void destinationBusyWhenCallingARemoteTerminalThatIsNotExtended() {
        send(a, request(REQUEST_MAKE_CALL, "6001", Attribute.OTHER_DN, "7002"));
        String c = connId(call(next(a), EVENT_DIALING, "6001", null, "7002", "Internal"));
        Message busy = call(next(a), EVENT_DESTINATION_BUSY, "6001", c, "7002", "Internal");
        assertThat(busy.integer(Attribute.CALL_STATE)).contains(6L);
        assertThat(busy.extensions().getString("CAUSE")).contains("USER_BUSY");
        send(a, request(REQUEST_RELEASE_CALL, "6001", Attribute.CONN_ID, c));
        call(next(a), EVENT_RELEASED, "6001", c, "7002", "Internal");
        quiet(a);
    }

    @Test
    void anInboundCallThatTheCallerAbandons() {
        control("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"6002\"}");
        String c = connId(call(next(b), EVENT_RINGING, "6002", null, CALLER, "Inbound"));
        control("/api/switch/parties/" + CALLER + "/hangup", null);
        call(next(b), EVENT_ABANDONED, "6002", c, CALLER, "Inbound");
        quiet(b);
    }

    @Test
    void holdAndRetrieve() {
        String c = inboundAnswered(a, "6001");
        long ref = send(a, request(REQUEST_HOLD_CALL, "6001", Attribute.CONN_ID, c));
        referenceIs(call(next(a), EVENT_HELD, "6001", c, CALLER, "Inbound"), ref);
        long retrieveRef = send(a, request(REQUEST_RETRIEVE_CALL, "6001", Attribute.CONN_ID, c));
        referenceIs(call(next(a), EVENT_RETRIEVED, "6001", c, CALLER, "Inbound"), retrieveRef);
        a.client().sendRaw("{\"message\":\"RequestRetrieveCall\",\"ReferenceID\":9009,\"ThisDN\":\"6001\",\"ConnID\":\"" + c + "\"}");
        Message e = error(next(a), EVENT_ERROR, 506);
        assertThat(e.string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("not HELD");
        quiet(a, b);
    }

    @Test
    void consultTransferKeepsTheOriginalConnIdAndItsUserData() {
        String c1 = inboundAnswered(a, "6001");
        send(a, request(REQUEST_ATTACH_USER_DATA, "6001", Attribute.CONN_ID, c1, Attribute.USER_DATA, data("account", "42")));
        call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c1, null, "Inbound");

        String c2 = consultAnswered(c1, REQUEST_INITIATE_TRANSFER);
        send(a, request(REQUEST_QUERY_CALL, "6001", Attribute.CONN_ID, c2));
        assertThat(a.events().next(EVENT_PARTY_INFO, WAIT).kvList(Attribute.USER_DATA).getString("account"))
                .as("consultation call gets a copy").contains("42");

        long completeRef = send(a, request(REQUEST_COMPLETE_TRANSFER, "6001", Attribute.CONN_ID, c1, Attribute.TRANSFER_CONN_ID, c2));
        Message r2 = call(next(a), EVENT_RELEASED, "6001", c2, "6002", "Consult");
        referenceIs(r2, completeRef);
        assertThat(r2.integer(Attribute.CALL_STATE)).contains(1L);
        assertThat(call(next(a), EVENT_RELEASED, "6001", c1, CALLER, "Inbound").integer(Attribute.CALL_STATE)).contains(1L);
        Message changed = call(next(b), EVENT_PARTY_CHANGED, "6002", c1, CALLER, "Inbound");
        assertThat(changed.string(Attribute.PREVIOUS_CONN_ID)).contains(c2);
        assertThat(changed.string(Attribute.THIRD_PARTY_DN)).contains("6001");
        assertThat(changed.kvList(Attribute.USER_DATA).getString("account")).contains("42");

        control("/api/switch/parties/" + CALLER + "/hangup", null);
        call(next(b), EVENT_RELEASED, "6002", c1, CALLER, "Inbound");
        quiet(a, b);
    }

    @Test
    void singleStepTransfer() {
        String c = inboundAnswered(a, "6001");
        long ref = send(a, request(REQUEST_SINGLE_STEP_TRANSFER, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002"));
        Message released = call(next(a), EVENT_RELEASED, "6001", c, CALLER, "Inbound");
        referenceIs(released, ref);
        assertThat(released.integer(Attribute.CALL_STATE)).contains(1L);
        Message ringing = call(next(b), EVENT_RINGING, "6002", c, CALLER, "Inbound");
        assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("6001");
        send(b, request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c));
        call(next(b), EVENT_ESTABLISHED, "6002", c, CALLER, "Inbound");
        quiet(a, b);
    }

    @Test
    void threePartyConference() {
        String c1 = inboundAnswered(a, "6001");
        String c2 = consultAnswered(c1, REQUEST_INITIATE_CONFERENCE);

        long ref = send(a, request(REQUEST_COMPLETE_CONFERENCE, "6001", Attribute.CONN_ID, c1, Attribute.TRANSFER_CONN_ID, c2));
        Message released = call(next(a), EVENT_RELEASED, "6001", c2, "6002", "Consult");
        referenceIs(released, ref);
        assertThat(released.integer(Attribute.CALL_STATE)).contains(2L);
        Message changed = call(next(b), EVENT_PARTY_CHANGED, "6002", c1, null, "Inbound");
        assertThat(changed.string(Attribute.PREVIOUS_CONN_ID)).contains(c2);
        Message added = call(next(a), EVENT_PARTY_ADDED, "6001", c1, "6002", "Inbound");
        assertThat(added.string(Attribute.THIRD_PARTY_DN)).contains("6001");

        send(b, request(REQUEST_RELEASE_CALL, "6002", Attribute.CONN_ID, c1));
        call(next(b), EVENT_RELEASED, "6002", c1, null, "Inbound");
        call(next(a), EVENT_PARTY_DELETED, "6001", c1, "6002", "Inbound");
        control("/api/switch/parties/" + CALLER + "/hangup", null);
        call(next(a), EVENT_RELEASED, "6001", c1, CALLER, "Inbound");
        quiet(a, b);
    }

    @Test
    void aConferenceMemberRemovesAnotherParty() {
        String c1 = inboundAnswered(a, "6001");
        String c2 = consultAnswered(c1, REQUEST_INITIATE_CONFERENCE);
        send(a, request(REQUEST_COMPLETE_CONFERENCE, "6001", Attribute.CONN_ID, c1, Attribute.TRANSFER_CONN_ID, c2));
        call(next(a), EVENT_RELEASED, "6001", c2, "6002", "Consult");
        call(next(b), EVENT_PARTY_CHANGED, "6002", c1, null, "Inbound");
        call(next(a), EVENT_PARTY_ADDED, "6001", c1, "6002", "Inbound");

        a.client().send(request(MessageType.REQUEST_DELETE_FROM_CONFERENCE, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "6099")
                .with(Attribute.REFERENCE_ID, 90L));
        io.tandem.server.Events.error(next(a), MessageType.EVENT_ERROR, 53);
        long ref = send(a, request(MessageType.REQUEST_DELETE_FROM_CONFERENCE, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "6002"));
        call(next(b), EVENT_RELEASED, "6002", c1, null, "Inbound");
        referenceIs(call(next(a), EVENT_PARTY_DELETED, "6001", c1, "6002", "Inbound"), ref);
        a.client().send(request(MessageType.REQUEST_DELETE_FROM_CONFERENCE, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, CALLER)
                .with(Attribute.REFERENCE_ID, 91L));
        io.tandem.server.Events.error(next(a), MessageType.EVENT_ERROR, 506);
        quiet(a, b);
    }

    @Test
    void muteTransferHandsTheCallOverWhileTheDestinationRings() {
        String c1 = inboundAnswered(a, "6001");
        a.client().send(request(MessageType.REQUEST_MUTE_TRANSFER, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "6002")
                .with(Attribute.REFERENCE_ID, 80L));
        java.util.List<Message> seenByA = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seenByA.add(next(a));
        }
        referenceIs(call(seenByA.get(0), EVENT_HELD, "6001", c1, CALLER, "Inbound"), 80L);
        String c2 = connId(call(seenByA.get(1), EVENT_DIALING, "6001", null, "6002", "Consult"));
        call(seenByA.get(2), EVENT_RELEASED, "6001", c2, "6002", "Consult");
        Message released = call(seenByA.get(3), EVENT_RELEASED, "6001", c1, CALLER, "Inbound");
        assertThat(released.integer(Attribute.CALL_STATE)).contains(1L);
        call(next(b), EVENT_RINGING, "6002", c2, "6001", "Consult");
        Message changed = call(next(b), EVENT_PARTY_CHANGED, "6002", c1, CALLER, "Inbound");
        assertThat(changed.string(Attribute.PREVIOUS_CONN_ID)).contains(c2);
        send(b, request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c1));
        call(next(b), EVENT_ESTABLISHED, "6002", c1, CALLER, "Inbound");
        quiet(a, b);
    }

    @Test
    void aMuteTransferToABusyOrUnroutableNumberChangesNothing() {
        String c1 = inboundAnswered(a, "6001");
        a.client().send(request(MessageType.REQUEST_MUTE_TRANSFER, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "7002")
                .with(Attribute.REFERENCE_ID, 81L));
        io.tandem.server.Events.error(next(a), MessageType.EVENT_ERROR, 231);
        a.client().send(request(MessageType.REQUEST_MUTE_TRANSFER, "6001", Attribute.CONN_ID, c1, Attribute.OTHER_DN, "12")
                .with(Attribute.REFERENCE_ID, 82L));
        io.tandem.server.Events.error(next(a), MessageType.EVENT_ERROR, 71);
        quiet(a, b);
        send(a, request(REQUEST_RELEASE_CALL, "6001", Attribute.CONN_ID, c1));
        call(next(a), EVENT_RELEASED, "6001", c1, CALLER, "Inbound");
    }

    @Test
    void alternateAndReconnect() {
        String c1 = inboundAnswered(a, "6001");
        String c2 = consultAnswered(c1, REQUEST_INITIATE_TRANSFER);

        long ref = send(a, request(REQUEST_ALTERNATE_CALL, "6001", Attribute.CONN_ID, c2, Attribute.TRANSFER_CONN_ID, c1));
        referenceIs(call(next(a), EVENT_HELD, "6001", c2, "6002", "Consult"), ref);
        call(next(a), EVENT_RETRIEVED, "6001", c1, CALLER, "Inbound");

        send(a, request(REQUEST_ALTERNATE_CALL, "6001", Attribute.CONN_ID, c1, Attribute.TRANSFER_CONN_ID, c2));
        call(next(a), EVENT_HELD, "6001", c1, CALLER, "Inbound");
        call(next(a), EVENT_RETRIEVED, "6001", c2, "6002", "Consult");

        long reconnectRef = send(a, request(REQUEST_RECONNECT_CALL, "6001", Attribute.CONN_ID, c1, Attribute.TRANSFER_CONN_ID, c2));
        referenceIs(call(next(a), EVENT_RELEASED, "6001", c2, "6002", "Consult"), reconnectRef);
        call(next(b), EVENT_RELEASED, "6002", c2, "6001", "Consult");
        call(next(a), EVENT_RETRIEVED, "6001", c1, CALLER, "Inbound");
        quiet(a, b);
    }

    @Test
    void dtmfAndUserData() {
        String c = inboundAnswered(a, "6001");
        long ref = send(a, request(REQUEST_SEND_DTMF, "6001", Attribute.CONN_ID, c, Attribute.DTMF_DIGITS, "123#"));
        Message dtmf = call(next(a), EVENT_DTMF_SENT, "6001", c, CALLER, "Inbound");
        referenceIs(dtmf, ref);
        assertThat(dtmf.string(Attribute.DTMF_DIGITS)).contains("123#");
        a.client().sendRaw("{\"message\":\"RequestSendDTMF\",\"ReferenceID\":9005,\"ThisDN\":\"6001\",\"ConnID\":\"" + c + "\",\"DTMFDigits\":\"12x\"}");
        error(next(a), EVENT_ERROR, 53);

        send(a, request(REQUEST_ATTACH_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, data("a", "1", "b", "2")));
        assertThat(call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound").kvList(Attribute.USER_DATA).entries())
                .containsExactlyEntriesOf(data("a", "1", "b", "2").entries());
        send(a, request(REQUEST_UPDATE_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, data("b", "3", "c", "4")));
        assertThat(call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound").kvList(Attribute.USER_DATA).entries())
                .containsExactlyEntriesOf(data("a", "1", "b", "3", "c", "4").entries());
        send(a, request(REQUEST_DELETE_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, data("a", "")));
        assertThat(call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound").kvList(Attribute.USER_DATA).entries())
                .containsExactlyEntriesOf(data("b", "3", "c", "4").entries());

        send(a, request(REQUEST_HOLD_CALL, "6001", Attribute.CONN_ID, c));
        assertThat(next(a).kvList(Attribute.USER_DATA).entries()).as("call events carry the UserData").containsKeys("b", "c");
        send(a, request(REQUEST_DELETE_USER_DATA, "6001", Attribute.CONN_ID, c));
        assertThat(call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound").kvList(Attribute.USER_DATA).isEmpty()).isTrue();
        quiet(a);
    }

    @Test
    void userDataBeyondThePerCallLimitIsRefusedWholeAndChangesNothing() {
        String c = inboundAnswered(a, "6001");
        String tenK = "x".repeat(10_000);
        send(a, request(REQUEST_ATTACH_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, data("k1", tenK)));
        call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound");
        a.client().sendRaw("{\"message\":\"RequestAttachUserData\",\"ReferenceID\":9100,\"ThisDN\":\"6001\",\"ConnID\":\"" + c
                + "\",\"UserData\":{\"k2\":\"" + tenK + "\",\"k3\":\"small\"}}");
        Message refused = error(next(a), EVENT_ERROR, 53);
        referenceIs(refused, 9100L);
        assertThat(refused.string(Attribute.ERROR_MESSAGE).orElseThrow()).isEqualTo("UserData of ConnID " + c
                + " would be 20030 bytes, more than the limit of 16384 bytes per call; nothing was changed");
        send(a, request(REQUEST_QUERY_CALL, "6001", Attribute.CONN_ID, c));
        assertThat(a.events().next(EVENT_PARTY_INFO, WAIT).kvList(Attribute.USER_DATA).entries()).as("nothing half-applied")
                .containsOnlyKeys("k1");
        send(a, request(REQUEST_UPDATE_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, data("k1", "short", "k2", tenK)));
        assertThat(call(next(a), EVENT_ATTACHED_DATA_CHANGED, "6001", c, null, "Inbound").kvList(Attribute.USER_DATA).entries())
                .as("replacing a value counts the new size only").containsOnlyKeys("k1", "k2");
        quiet(a, b);
    }

    @Test
    void queriesDescribeCallsAndAddresses() {
        String c = inboundAnswered(a, "6001");
        long ref = send(a, request(REQUEST_QUERY_CALL, "6001", Attribute.CONN_ID, c));
        Message info = a.events().next(EVENT_PARTY_INFO, WAIT);
        referenceIs(info, ref);
        assertThat(info.string(Attribute.CONN_ID)).contains(c);
        assertThat(info.extensions().get("PARTIES")).contains(data("6001", "Established"));
        long addressRef = send(a, request(REQUEST_QUERY_ADDRESS, "6001"));
        Message address = a.events().next(EVENT_ADDRESS_INFO, WAIT);
        referenceIs(address, addressRef);
        assertThat(address.extensions().getString("SERVICE_STATE")).contains("InService");
        assertThat(address.extensions().get("CALLS")).contains(data(c, "Established"));
    }

    @Test
    void invalidRequestsGetPreciseErrorsAndChangeNothing() {
        a.client().sendRaw("{\"message\":\"RequestAnswerCall\",\"ReferenceID\":9001,\"ThisDN\":\"6001\",\"ConnID\":\"00000000000000ff\"}");
        referenceIs(error(next(a), EVENT_ERROR, 56), 9001L);
        a.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9002,\"ThisDN\":\"6001\",\"OtherDN\":\"12\"}");
        assertThat(error(next(a), EVENT_ERROR, 71).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("cannot be routed");
        a.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9003,\"ThisDN\":\"6001\"}");
        assertThat(error(next(a), EVENT_ERROR, 53).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("OtherDN");
        a.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9004,\"ThisDN\":\"6002\",\"OtherDN\":\"6001\"}");
        error(next(a), EVENT_ERROR, 41);
        t.post("/api/switch/devices/SEP000000006001/out-of-service", null);
        a.events().next(MessageType.EVENT_DN_OUT_OF_SERVICE, WAIT);
        a.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9005,\"ThisDN\":\"6001\",\"OtherDN\":\"6002\"}");
        assertThat(error(next(a), EVENT_ERROR, 58).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("out of service");
        t.post("/api/switch/devices/SEP000000006001/in-service", null);
        a.events().next(EVENT_DN_BACK_IN_SERVICE, WAIT);

        String c = inboundAnswered(b, "6002");
        a.client().sendRaw("{\"message\":\"RequestHoldCall\",\"ReferenceID\":9006,\"ThisDN\":\"6001\",\"ConnID\":\"" + c + "\"}");
        assertThat(error(next(a), EVENT_ERROR, 56).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("6001 is not on call").contains(c);
        b.client().sendRaw("{\"message\":\"RequestAnswerCall\",\"ReferenceID\":9007,\"ThisDN\":\"6002\",\"ConnID\":\"" + c + "\"}");
        assertThat(error(next(b), EVENT_ERROR, 506).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("not ringing");
        b.client().sendRaw("{\"message\":\"RequestMakeCall\",\"ReferenceID\":9008,\"ThisDN\":\"6002\",\"OtherDN\":\"6001\"}");
        assertThat(error(next(b), EVENT_ERROR, 506).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("already has an active call");
        b.client().sendRaw("{\"message\":\"RequestSingleStepTransfer\",\"ReferenceID\":9009,\"ThisDN\":\"6002\",\"ConnID\":\"" + c
                + "\",\"OtherDN\":\"7002\"}");
        assertThat(error(next(b), EVENT_ERROR, 231).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("USER_BUSY");
        b.client().sendRaw("{\"message\":\"RequestCompleteTransfer\",\"ReferenceID\":9010,\"ThisDN\":\"6002\",\"ConnID\":\"" + c + "\"}");
        assertThat(error(next(b), EVENT_ERROR, 53).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("TransferConnID");
        quiet(a, b);
        assertThat(t.get("/api/switch/calls").body()).hasSize(1);
    }

    private Message raw(Agent agent, String json) {
        agent.client().sendRaw(json);
        return next(agent);
    }

    @Test
    void failurePathsOfTransferConferenceAlternateReconnectDataAndQueries() {
        String c = inboundAnswered(a, "6001");
        String on = "\"ThisDN\":\"6001\",\"ConnID\":\"" + c + "\"";
        assertThat(error(raw(a, "{\"message\":\"RequestInitiateTransfer\",\"ReferenceID\":9101," + on + ",\"OtherDN\":\"12\"}"),
                EVENT_ERROR, 71).string(Attribute.ERROR_MESSAGE).orElseThrow()).contains("cannot be routed");
        error(raw(a, "{\"message\":\"RequestInitiateConference\",\"ReferenceID\":9102," + on + "}"), EVENT_ERROR, 53);
        error(raw(a, "{\"message\":\"RequestInitiateConference\",\"ReferenceID\":9103," + on + ",\"OtherDN\":\"6001\"}"), EVENT_ERROR, 71);
        error(raw(a, "{\"message\":\"RequestAlternateCall\",\"ReferenceID\":9104," + on + ",\"TransferConnID\":\"" + c + "\"}"),
                EVENT_ERROR, 506);
        error(raw(a, "{\"message\":\"RequestReconnectCall\",\"ReferenceID\":9105," + on + ",\"TransferConnID\":\"" + c + "\"}"),
                EVENT_ERROR, 506);
        error(raw(a, "{\"message\":\"RequestCompleteConference\",\"ReferenceID\":9106," + on + ",\"TransferConnID\":\"ffffffffffffffff\"}"),
                EVENT_ERROR, 56);
        error(raw(a, "{\"message\":\"RequestAttachUserData\",\"ReferenceID\":9107," + on + "}"), EVENT_ERROR, 53);
        error(raw(a, "{\"message\":\"RequestDeleteUserData\",\"ReferenceID\":9108,\"ThisDN\":\"6001\",\"ConnID\":\"0000000000000001\"}"),
                EVENT_ERROR, 56);
        error(raw(a, "{\"message\":\"RequestQueryCall\",\"ReferenceID\":9109,\"ThisDN\":\"6001\",\"ConnID\":\"0000000000000001\"}"),
                EVENT_ERROR, 56);
        error(raw(a, "{\"message\":\"RequestQueryAddress\",\"ReferenceID\":9110,\"ThisDN\":\"4242\"}"), EVENT_ERROR, 59);
        assertThat(raw(a, "{\"message\":\"RequestQueryCall\",\"ReferenceID\":9111," + on + "}").extensions().get("PARTIES"))
                .as("nothing changed").contains(data("6001", "Established"));

        send(a, request(REQUEST_INITIATE_CONFERENCE, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002"));
        call(next(a), EVENT_HELD, "6001", c, CALLER, "Inbound");
        String c2 = connId(call(next(a), EVENT_DIALING, "6001", null, "6002", "Consult"));
        call(next(b), EVENT_RINGING, "6002", c2, "6001", "Consult");
        assertThat(error(raw(a, "{\"message\":\"RequestCompleteConference\",\"ReferenceID\":9112," + on
                + ",\"TransferConnID\":\"" + c2 + "\"}"), EVENT_ERROR, 506).string(Attribute.ERROR_MESSAGE).orElseThrow())
                .contains("has not answered yet");
        error(raw(a, "{\"message\":\"RequestRetrieveCall\",\"ReferenceID\":9113,\"ThisDN\":\"6001\",\"ConnID\":\"" + c + "\"}"),
                EVENT_ERROR, 506);
        quiet(a, b);
    }

    @Test
    void autoAnswerNetworkNumbersAnswerAtOnce() {
        send(a, request(REQUEST_MAKE_CALL, "6001", Attribute.OTHER_DN, "0690000000"));
        String c = connId(call(next(a), EVENT_DIALING, "6001", null, "0690000000", "Outbound"));
        call(next(a), EVENT_NETWORK_REACHED, "6001", c, "0690000000", "Outbound");
        call(next(a), EVENT_ESTABLISHED, "6001", c, "0690000000", "Outbound");
        quiet(a);
    }
}
