package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.CallRequest.Verb;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.SwitchFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call model on its own: every verb it refuses changes nothing and emits nothing (its Javadoc's promise). */
class CallModelTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            end-users:
              - {id: alice, mobility: true}
            application-users:
              - {id: app1, password: one, controlled-devices: [CTIRDalice, SEP1, SEP2]}
            devices:
              - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"], remote-destinations: [{name: m, number: "0611111111"}]}
              - {name: SEP1, type: phone, lines: ["6001"]}
              - {name: SEP2, type: phone, lines: ["6002"]}
            """;

    private SwitchModel model;
    private CallModel calls;
    private final List<SwitchEvent.CallEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "calls.yaml"), Map.of(), Map.of(), new RecordingPersistence());
        calls = new CallModel(model, Set.of());
        calls.setListener(events::add);
    }

    private long connectedInbound(String dn) {
        CallView call = calls.placeFromNetwork("0699999999", dn);
        calls.answerAt(dn);
        events.clear();
        return call.callId();
    }

    /** Performs {@code request}, which must be refused with {@code error}, and checks that nothing changed. */
    private void refused(CallRequest request, SwitchError error) {
        List<CallView> before = calls.live();
        SwitchException refusal = catchThrowableOfType(() -> calls.perform(request), SwitchException.class);
        assertThat(refusal).as(request.verb() + " refused").isNotNull();
        assertThat(refusal.error()).as(refusal.getMessage()).isEqualTo(error);
        assertThat(calls.live()).as(request.verb() + " changed nothing").isEqualTo(before);
        assertThat(events).as(request.verb() + " emitted nothing").isEmpty();
    }

    private static CallRequest request(Verb verb, String dn, long callId, long otherCallId, String destination, String digits) {
        return new CallRequest(verb, dn, callId, otherCallId, destination, digits, 0);
    }

    @Test
    void aConsultationRefusedForTheNewCallDoesNotHoldTheFirst() {
        long call = connectedInbound("6001");
        model.setInService("SEP1", false);
        events.clear();
        refused(request(Verb.CONSULT_TRANSFER, "6001", call, 0, "6002", null), SwitchError.DEVICE_OUT_OF_SERVICE);
        refused(request(Verb.CONSULT_CONFERENCE, "6001", call, 0, "6002", null), SwitchError.DEVICE_OUT_OF_SERVICE);
        assertThat(calls.live().get(0).parties()).anySatisfy(p -> assertThat(p.state()).hasToString("CONNECTED"));
    }

    @Test
    void everyVerbRefusesBadRequestsWithoutChangingAnything() {
        long call = connectedInbound("6001");
        refused(request(Verb.MAKE_CALL, "6001", 0, 0, "6002", null), SwitchError.INVALID_STATE);
        refused(request(Verb.MAKE_CALL, "6002", 0, 0, "12", null), SwitchError.UNROUTABLE);
        refused(request(Verb.MAKE_CALL, "6002", 0, 0, "6002", null), SwitchError.UNROUTABLE);
        refused(request(Verb.MAKE_CALL, "7001", 0, 0, "6002", null), SwitchError.NO_ACTIVE_REMOTE_DESTINATION);
        refused(request(Verb.ANSWER, "6001", call, 0, null, null), SwitchError.INVALID_STATE);
        refused(request(Verb.ANSWER, "6001", 999, 0, null, null), SwitchError.CALL_NOT_FOUND);
        refused(request(Verb.RELEASE, "6002", call, 0, null, null), SwitchError.CALL_NOT_FOUND);
        refused(request(Verb.RETRIEVE, "6001", call, 0, null, null), SwitchError.INVALID_STATE);
        refused(request(Verb.CONSULT_TRANSFER, "6001", call, 0, "", null), SwitchError.UNROUTABLE);
        refused(request(Verb.CONSULT_TRANSFER, "6001", call, 0, "12", null), SwitchError.UNROUTABLE);
        refused(request(Verb.SINGLE_STEP_TRANSFER, "6001", call, 0, "12", null), SwitchError.UNROUTABLE);
        refused(request(Verb.COMPLETE_TRANSFER, "6001", call, 999, null, null), SwitchError.CALL_NOT_FOUND);
        refused(request(Verb.ALTERNATE, "6001", call, call, null, null), SwitchError.INVALID_STATE);
        refused(request(Verb.SEND_DTMF, "6002", call, 0, null, "1"), SwitchError.CALL_NOT_FOUND);
        refused(request(Verb.REDIRECT, "6001", call, 0, "6002", null), SwitchError.INVALID_STATE);
        refused(request(Verb.CLEAR, "6002", call, 0, null, null), SwitchError.CALL_NOT_FOUND);
        refused(request(Verb.DELETE_PARTY, "6001", call, 0, "0699999999", null), SwitchError.INVALID_STATE);
        refused(request(Verb.MUTE_TRANSFER, "6001", call, 0, "12", null), SwitchError.UNROUTABLE);
        refused(request(Verb.MUTE_TRANSFER, "6001", call, 0, "6001", null), SwitchError.UNROUTABLE);
    }

    @Test
    void aRingingCallRefusedARedirectKeepsRinging() {
        CallView ringing = calls.placeFromNetwork("0699999999", "6001");
        events.clear();
        refused(request(Verb.REDIRECT, "6001", ringing.callId(), 0, "12", null), SwitchError.UNROUTABLE);
        refused(request(Verb.REDIRECT, "6001", ringing.callId(), 0, "6001", null), SwitchError.UNROUTABLE);
        refused(request(Verb.REDIRECT, "6002", ringing.callId(), 0, "6003", null), SwitchError.CALL_NOT_FOUND);
        assertThat(calls.live().get(0).parties()).anySatisfy(p -> assertThat(p.state()).hasToString("ALERTING"));
    }
}
