package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.MonitorMode;
import io.tandem.switchlink.MonitorRequest;
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

/** Supervisor monitoring in the call model: silent and whisper monitoring calls, a barge as a conference, the refusals. */
class MonitoringTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            end-users:
              - {id: alice, mobility: true}
            devices:
              - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"], remote-destinations: [{name: m, number: "0611111111"}]}
              - {name: SEP1, type: phone, lines: ["6001"]}
              - {name: SEP2, type: phone, lines: ["6002"]}
              - {name: SEP9, type: phone, lines: ["6009"]}
            """;

    private final List<String> events = new ArrayList<>();
    private SwitchModel model;
    private CallModel calls;

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "mon.yaml"), Map.of(), Map.of(), new RecordingPersistence());
        calls = new CallModel(model, Set.of());
        calls.setListener(e -> events.add(e.type() + " " + e.dn() + " other=" + e.otherParty() + " kind=" + e.kind()));
        calls.setMonitorListener(this::monitor);
    }

    private void monitor(SwitchEvent.MonitorChanged e) {
        events.add("MONITOR " + e.state() + " " + e.supervisorDn() + "->" + e.agentDn() + " " + e.mode() + (e.cause() == null ? "" : " " + e.cause()));
    }

    private long connected(String dn) {
        CallView call = calls.placeFromNetwork("0698765432", dn);
        calls.answerAt(dn);
        events.clear();
        return call.callId();
    }

    private SwitchError refused(MonitorRequest r) {
        List<String> before = List.copyOf(events);
        SwitchException e = catchThrowableOfType(() -> calls.monitor(r), SwitchException.class);
        assertThat(e).isNotNull();
        assertThat(events).isEqualTo(before);
        return e.error();
    }

    @Test
    void silentThenWhisperThenSilentThenStopped() {
        long call = connected("6001");
        calls.monitor(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", call, MonitorMode.SILENT, 0));
        calls.monitor(new MonitorRequest(MonitorRequest.Action.UPDATE, "6009", "6001", 0, MonitorMode.WHISPER, 0));
        calls.monitor(new MonitorRequest(MonitorRequest.Action.UPDATE, "6009", "6001", 0, MonitorMode.SILENT, 0));
        assertThat(calls.monitorings()).singleElement().satisfies(m -> assertThat(m.mode()).isEqualTo("silent"));
        calls.monitor(new MonitorRequest(MonitorRequest.Action.STOP, "6009", "6001", 0, null, 0));
        assertThat(events).containsExactly("DIALING 6009 other=6001 kind=MONITOR", "ESTABLISHED 6009 other=6001 kind=MONITOR",
                "MONITOR STARTED 6009->6001 SILENT", "MONITOR UPDATED 6009->6001 WHISPER", "MONITOR UPDATED 6009->6001 SILENT",
                "RELEASED 6009 other=6001 kind=MONITOR", "CALL_CLEARED null other=null kind=MONITOR", "MONITOR STOPPED 6009->6001 SILENT REQUESTED");
        assertThat(calls.monitorings()).isEmpty();
        assertThat(calls.live()).hasSize(1);
    }

    @Test
    void theMonitoringEndsWithTheMonitoredCall() {
        long call = connected("6001");
        calls.monitor(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", call, MonitorMode.WHISPER, 0));
        events.clear();
        calls.hangUpAt("0698765432");
        assertThat(events).contains("RELEASED 6009 other=6001 kind=MONITOR", "MONITOR STOPPED 6009->6001 WHISPER MONITORED_CALL_ENDED");
        assertThat(calls.live()).isEmpty();
    }

    @Test
    void aBargeJoinsTheSupervisorAsAConferenceParty() {
        long call = connected("6001");
        calls.monitor(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", call, MonitorMode.BARGE, 0));
        assertThat(events).containsExactly("ESTABLISHED 6009 other=6001 kind=INBOUND", "PARTY_ADDED 6001 other=6009 kind=INBOUND",
                "MONITOR STARTED 6009->6001 BARGE");
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.UPDATE, "6009", "6001", 0, MonitorMode.SILENT, 0)))
                .isEqualTo(SwitchError.INVALID_STATE);
        events.clear();
        calls.monitor(new MonitorRequest(MonitorRequest.Action.STOP, "6009", "6001", 0, null, 0));
        assertThat(events).containsExactly("RELEASED 6009 other=null kind=INBOUND", "PARTY_DELETED 6001 other=6009 kind=INBOUND",
                "MONITOR STOPPED 6009->6001 BARGE REQUESTED");
    }

    @Test
    void refusalsChangeNothing() {
        CallView ringing = calls.placeFromNetwork("0698765432", "6001");
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", ringing.callId(), MonitorMode.SILENT, 0)))
                .isEqualTo(SwitchError.INVALID_STATE);
        calls.answerAt("6001");
        long busy = calls.placeFromNetwork("0697000000", "6009").callId();
        calls.answerAt("6009");
        events.clear();
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", ringing.callId(), MonitorMode.SILENT, 0)))
                .as("the supervisor is on a call").isEqualTo(SwitchError.DESTINATION_BUSY);
        calls.hangUpAt("0697000000");
        calls.monitor(new MonitorRequest(MonitorRequest.Action.START, "6009", "6001", ringing.callId(), MonitorMode.SILENT, 0));
        events.clear();
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.START, "6002", "6001", ringing.callId(), MonitorMode.SILENT, 0)))
                .as("one monitoring per call").isEqualTo(SwitchError.INVALID_STATE);
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.STOP, "6002", "6001", 0, null, 0))).isEqualTo(SwitchError.INVALID_STATE);
        model.setActiveRemoteDestination("link-1", "CTIRDalice", "0611111111", true);
        CallView remote = calls.placeFromNetwork("0696000000", "7001");
        calls.answerAt("0611111111");
        events.clear();
        assertThat(refused(new MonitorRequest(MonitorRequest.Action.START, "6002", "7001", remote.callId(), MonitorMode.SILENT, 0)))
                .isEqualTo(SwitchError.NO_BUILT_IN_BRIDGE);
        assertThat(busy).isPositive();
    }
}
