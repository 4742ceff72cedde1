package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.RecordingRequest;
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

/** Recording in the call model: CUCM's line options, media sources, hold and retrieve, the party leaving, a phone reset. */
class RecordingsTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            end-users:
              - {id: alice, mobility: true}
            devices:
              - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"], remote-destinations: [{name: m, number: "0611111111"}]}
              - {name: SEP1, type: phone, lines: ["6001"]}
              - {name: SEP2, type: phone, lines: ["6002"]}
              - {name: SEP3, type: phone, lines: ["6003"]}
              - {name: SEP4, type: phone, lines: ["6004"]}
            directory-numbers:
              - {dn: "6001", recording: application, recorder: "0699000000"}
              - {dn: "6002", recording: automatic, recorder: "0699000000"}
              - {dn: "6003", recording: application, recorder: "12"}
              - {dn: "7001", recording: application, recorder: "0699000000"}
            """;

    private final List<String> recorded = new ArrayList<>();
    private SwitchModel model;
    private CallModel calls;

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "rec.yaml"), Map.of(), Map.of(), new RecordingPersistence());
        calls = new CallModel(model, Set.of());
        calls.setRecordingListener(this::record);
    }

    private void record(SwitchEvent.RecordingChanged e) {
        recorded.add(e.state() + " " + e.dn() + " " + e.recordingId() + (e.automatic() ? " automatic" : "")
                + (e.cause() == null ? "" : " " + e.cause()) + (e.correlation() == 0 ? "" : " #" + e.correlation()));
    }

    private long connected(String dn) {
        CallView call = calls.placeFromNetwork("0698765432", dn);
        calls.answerAt(dn.equals("7001") ? "0611111111" : dn);
        return call.callId();
    }

    private SwitchError refused(RecordingRequest request) {
        List<String> before = List.copyOf(recorded);
        SwitchException e = catchThrowableOfType(() -> calls.record(request), SwitchException.class);
        assertThat(e).isNotNull();
        assertThat(recorded).as("nothing reported").isEqualTo(before);
        return e.error();
    }

    @Test
    void anApplicationStartsAndStopsTheRecordingOfAConnectedPartyOnAnApplicationLine() {
        CallView ringing = calls.placeFromNetwork("0698765432", "6001");
        assertThat(refused(new RecordingRequest(true, "6001", ringing.callId(), null, 1))).isEqualTo(SwitchError.INVALID_STATE);
        calls.answerAt("6001");
        assertThat(refused(new RecordingRequest(false, "6001", ringing.callId(), null, 1))).isEqualTo(SwitchError.ALREADY_SET);
        calls.record(new RecordingRequest(true, "6001", ringing.callId(), null, 5));
        assertThat(refused(new RecordingRequest(true, "6001", ringing.callId(), null, 1))).isEqualTo(SwitchError.ALREADY_SET);
        assertThat(calls.recordings().active()).extracting(Recordings.Session::recordingId).containsExactly("REC-1");
        calls.record(new RecordingRequest(false, "6001", ringing.callId(), null, 6));
        calls.record(new RecordingRequest(true, "6001", ringing.callId(), "REC-1", 7));
        assertThat(recorded).containsExactly("STARTED 6001 REC-1 #5", "STOPPED 6001 REC-1 REQUESTED #6", "STARTED 6001 REC-1 #7");
        calls.hangUpAt("0698765432");
        assertThat(recorded).endsWith("STOPPED 6001 REC-1 CALL_RELEASED");
        assertThat(calls.recordings().active()).isEmpty();
    }

    @Test
    void anAutomaticLineRecordsEveryConnectedCallStopsOnHoldAndRestartsOnRetrieveWithTheSameId() {
        long call = connected("6002");
        calls.perform(new CallRequest(CallRequest.Verb.HOLD, "6002", call, 0, null, null, 0));
        calls.perform(new CallRequest(CallRequest.Verb.RETRIEVE, "6002", call, 0, null, null, 0));
        assertThat(refused(new RecordingRequest(false, "6002", call, null, 1))).isEqualTo(SwitchError.RECORDING_NOT_ENABLED);
        assertThat(refused(new RecordingRequest(true, "6002", call, null, 1))).isEqualTo(SwitchError.RECORDING_NOT_ENABLED);
        calls.hangUpAt("0698765432");
        assertThat(recorded).containsExactly("STARTED 6002 REC-1 automatic", "STOPPED 6002 REC-1 automatic HELD",
                "STARTED 6002 REC-1 automatic", "STOPPED 6002 REC-1 automatic CALL_RELEASED");
    }

    @Test
    void aLineWithoutRecordingIsNeverRecordedOnRequest() {
        long call = connected("6004");
        assertThat(refused(new RecordingRequest(true, "6004", call, null, 1))).isEqualTo(SwitchError.RECORDING_NOT_ENABLED);
    }

    @Test
    void aRemoteTerminalNeedsAGatewaySourceAndAnUnreachableRecorderFails() {
        model.setActiveRemoteDestination("link-1", "CTIRDalice", "0611111111", true);
        long remote = connected("7001");
        calls.record(new RecordingRequest(true, "7001", remote, null, 2));
        long other = calls.placeFromNetwork("0698000000", "6003").callId();
        calls.answerAt("6003");
        calls.record(new RecordingRequest(true, "6003", other, null, 3));
        assertThat(recorded).containsExactly("FAILED 7001 REC-1 NO_MEDIA_SOURCE #2", "FAILED 6003 REC-2 RECORDER_UNREACHABLE #3");
        assertThat(calls.recordings().active()).isEmpty();
    }

    @Test
    void aPhoneThatResetsReleasesItsCallsAndStopsTheirRecordings() {
        long call = connected("6001");
        calls.record(new RecordingRequest(true, "6001", call, null, 0));
        calls.resetDevice("SEP1");
        assertThat(recorded).containsExactly("STARTED 6001 REC-1", "STOPPED 6001 REC-1 PHONE_RESET");
        assertThat(calls.live()).isEmpty();
    }
}
