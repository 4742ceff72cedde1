package io.tandem.server.call;

import static io.tandem.protocol.MessageType.EVENT_ATTACHED_DATA_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_DIALING;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_ATTACH_USER_DATA;
import static io.tandem.protocol.MessageType.REQUEST_CLEAR_CALL;
import static io.tandem.protocol.MessageType.REQUEST_MAKE_CALL;
import static io.tandem.protocol.MessageType.REQUEST_REDIRECT_CALL;
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
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RequestRedirectCall (a ringing call sent elsewhere unanswered) and RequestClearCall, with their refusals. */
class RedirectAndClearTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final String CALLER = "0698765432";

    private Agent a;
    private Agent b;

    @BeforeEach
    void start() {
        a = registered("desk-a", "6001");
        b = registered("desk-b", "6002");
    }

    private Agent registered(String name, String dn) {
        return t.registered(name, dn);
    }

    private static Message answer(Agent agent, Message request) {
        return agent.answer(request);
    }

    private String inboundRinging(Agent agent, String dn) {
        assertThat(t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"" + dn + "\"}").status()).isEqualTo(200);
        return connId(call(agent.events().next(WAIT), EVENT_RINGING, dn, null, CALLER, "Inbound"));
    }

    @Test
    void aRingingCallGoesElsewhereWithItsConnIdAndUserData() {
        String c = inboundRinging(a, "6001");
        answer(a, request(REQUEST_ATTACH_USER_DATA, "6001", Attribute.CONN_ID, c, Attribute.USER_DATA, KeyValueList.ofStrings("case", "42")));
        Message released = answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002"));
        call(released, EVENT_RELEASED, "6001", c, CALLER, "Inbound");
        referenceIs(released, 77L);
        assertThat(released.integer(Attribute.CALL_STATE)).contains(22L);
        assertThat(released.extensions().getString("CAUSE")).contains("REDIRECTED");
        Message ringing = call(b.events().next(WAIT), EVENT_RINGING, "6002", c, CALLER, "Inbound");
        assertThat(ringing.string(Attribute.THIRD_PARTY_DN)).contains("6001");
        assertThat(ringing.kvList(Attribute.USER_DATA)).isEqualTo(KeyValueList.ofStrings("case", "42"));
        b.client().request(request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c)).join();
        call(b.events().next(WAIT), EVENT_ESTABLISHED, "6002", c, CALLER, "Inbound");
        assertThat(a.events().drain(QUIET)).isEmpty();
    }

    @Test
    void aCallRingingAtARemoteTerminalsMobileIsRedirected() {
        Agent remote = t.agent("remote");
        remote.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        expect(remote.events().next(WAIT), EVENT_REGISTERED, "7001");
        expect(remote.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7001");
        String c = inboundRinging(remote, "7001");
        call(answer(remote, request(REQUEST_REDIRECT_CALL, "7001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002")), EVENT_RELEASED, "7001", c,
                CALLER, "Inbound");
        call(b.events().next(WAIT), EVENT_RINGING, "6002", c, CALLER, "Inbound");
        assertThat(t.get("/api/switch/calls").body().get(0).get("parties").toString()).doesNotContain("0611111111");
    }

    @Test
    void refusalsLeaveTheCallWhereItWas() {
        String c = inboundRinging(a, "6001");
        error(answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "12")), EVENT_ERROR, 71);
        error(answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "7002")), EVENT_ERROR, 231);
        error(answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, c)), EVENT_ERROR, 53);
        error(answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, "nope", Attribute.OTHER_DN, "6002")), EVENT_ERROR, 56);
        assertThat(b.events().drain(QUIET)).isEmpty();
        a.client().request(request(REQUEST_ANSWER_CALL, "6001", Attribute.CONN_ID, c)).join();
        call(a.events().next(WAIT), EVENT_ESTABLISHED, "6001", c, CALLER, "Inbound");
        error(answer(a, request(REQUEST_REDIRECT_CALL, "6001", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6002")), EVENT_ERROR, 506);
        assertThat(b.events().drain(QUIET)).isEmpty();
    }

    @Test
    void clearCallReleasesEveryParty() {
        a.client().request(request(REQUEST_MAKE_CALL, "6001", Attribute.OTHER_DN, "6002")).join();
        String c = connId(call(a.events().next(WAIT), EVENT_DIALING, "6001", null, "6002", "Internal"));
        call(b.events().next(WAIT), EVENT_RINGING, "6002", c, "6001", "Internal");
        b.client().request(request(REQUEST_ANSWER_CALL, "6002", Attribute.CONN_ID, c)).join();
        call(b.events().next(WAIT), EVENT_ESTABLISHED, "6002", c, "6001", "Internal");
        call(a.events().next(WAIT), EVENT_ESTABLISHED, "6001", c, "6002", "Internal");

        Message cleared = answer(a, request(REQUEST_CLEAR_CALL, "6001", Attribute.CONN_ID, c));
        call(cleared, EVENT_RELEASED, "6001", c, "6002", "Internal");
        referenceIs(cleared, 77L);
        call(b.events().next(WAIT), EVENT_RELEASED, "6002", c, "6001", "Internal");
        assertThat(t.get("/api/switch/calls").body()).isEmpty();
        error(answer(a, request(REQUEST_CLEAR_CALL, "6001", Attribute.CONN_ID, c)), EVENT_ERROR, 56);
        assertThat(a.events().drain(QUIET)).isEmpty();
        assertThat(b.events().drain(QUIET)).isEmpty();
    }
}
