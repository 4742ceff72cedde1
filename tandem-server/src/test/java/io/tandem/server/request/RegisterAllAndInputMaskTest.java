package io.tandem.server.request;

import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED_ALL;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.EVENT_UNREGISTERED_ALL;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Message;
import io.tandem.server.HarnessTest;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RequestRegisterAll / RequestUnregisterAll (reporting and recording applications) and RequestSetInputMask. */
class RegisterAllAndInputMaskTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private static Message answer(Agent agent, String json) {
        agent.client().sendRaw(json);
        return agent.events().next(WAIT);
    }

    @Test
    void aRegisterAllClientSeesCallsOfDnsNobodyRegisteredAndControlsNothing() {
        Agent recorder = t.agent("recorder");
        Message all = answer(recorder, "{\"message\":\"RequestRegisterAll\",\"ReferenceID\":3}");
        assertThat(all.type()).isEqualTo(EVENT_REGISTERED_ALL);
        referenceIs(all, 3L);
        assertThat(all.extensions().entries()).containsEntry("DN_COUNT", 18L);

        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6004\"}").status()).isEqualTo(200);
        Message ringing = expect(recorder.events().next(WAIT), EVENT_RINGING, "6004");
        assertThat(ringing.referenceId()).isEmpty();
        error(answer(recorder, "{\"message\":\"RequestAgentLogin\",\"ReferenceID\":4,\"ThisDN\":\"6004\",\"AgentID\":\"1001\"}"), EVENT_ERROR, 41);
        error(answer(recorder, "{\"message\":\"RequestAnswerCall\",\"ReferenceID\":5,\"ThisDN\":\"6004\",\"ConnID\":\""
                + ringing.string(io.tandem.protocol.Attribute.CONN_ID).orElseThrow() + "\"}"), EVENT_ERROR, 41);

        Message none = answer(recorder, "{\"message\":\"RequestUnregisterAll\",\"ReferenceID\":6}");
        assertThat(none.type()).isEqualTo(EVENT_UNREGISTERED_ALL);
        referenceIs(none, 6L);
        assertThat(t.post("/api/switch/parties/0698765432/hangup", "").status()).isEqualTo(200);
        assertThat(recorder.events().drain(QUIET)).as("no events after RequestUnregisterAll").isEmpty();
        error(answer(recorder, "{\"message\":\"RequestUnregisterAll\",\"ReferenceID\":7}"), EVENT_ERROR, 41);
    }

    @Test
    void registerAllByAddressTypeCoversOnlyThatType() {
        Agent router = t.agent("router");
        Message all = answer(router, "{\"message\":\"RequestRegisterAll\",\"ReferenceID\":3,\"AddressType\":\"RoutingPoint\"}");
        assertThat(all.extensions().entries()).containsEntry("DN_COUNT", 1L);
        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6004\"}");
        assertThat(router.events().drain(QUIET)).isEmpty();
        error(answer(router, "{\"message\":\"RequestRegisterAll\",\"ReferenceID\":4,\"AddressType\":\"Phone\"}"), EVENT_ERROR, 53);
    }

    @Test
    void anInputMaskLetsThroughOnlyTheEventsAskedForErrorsAndAnswers() {
        Agent desk = t.agent("desk");
        desk.client().registerAddress("6001").join();
        expect(desk.events().next(WAIT), EVENT_REGISTERED, "6001");
        Message ack = answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":3,\"Extensions\":{\"EVENTS\":\"EventRinging,EventReleased\"}}");
        assertThat(ack.type()).isEqualTo(EVENT_ACK);
        referenceIs(ack, 3L);

        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6001\"}");
        expect(desk.events().next(WAIT), EVENT_RINGING, "6001");
        assertThat(t.post("/api/switch/parties/6001/answer", "").status()).isEqualTo(200);
        assertThat(t.post("/api/switch/parties/0698765432/hangup", "").status()).isEqualTo(200);
        expect(desk.events().next(WAIT), EVENT_RELEASED, "6001");
        assertThat(desk.events().drain(QUIET)).as("EventEstablished was filtered").isEmpty();

        error(answer(desk, "{\"message\":\"RequestUnregisterAddress\",\"ReferenceID\":4,\"ThisDN\":\"6002\"}"), EVENT_ERROR, 41);
        error(answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":5,\"Extensions\":{\"EVENTS\":\"EventTeleported\"}}"), EVENT_ERROR, 53);
        error(answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":6,\"Extensions\":{\"EVENTS\":\"RequestMakeCall\"}}"), EVENT_ERROR, 53);
        error(answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":7}"), EVENT_ERROR, 53);

        assertThat(answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":8,\"Extensions\":{\"EVENTS\":\"\"}}").type()).isEqualTo(EVENT_ACK);
        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6001\"}");
        expect(desk.events().next(WAIT), EVENT_RINGING, "6001");
        t.post("/api/switch/parties/6001/answer", "");
        expect(desk.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_ESTABLISHED, "6001");
    }
}
