package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.ucm.SwitchFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call Forward Busy and Call Forward No Answer set per DN in the configuration, with a manual timer: busy calls go on,
 * unanswered ones go on after their ring duration, and nothing happens to a call that was answered or left meanwhile.
 */
class ConfiguredForwardingTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            service-parameters: {forward-no-answer-timer: 12}
            devices:
              - {name: SEP1, type: phone, lines: ["6001"]}
              - {name: SEP2, type: phone, lines: ["6002"]}
              - {name: SEP3, type: phone, lines: ["6003"], dnd-option: call-reject}
              - {name: SEP4, type: phone, lines: ["6004"]}
            directory-numbers:
              - {dn: "6001", forward-busy: "6002", forward-no-answer: "6002"}
              - {dn: "6002", forward-no-answer: "6004", no-answer-ring-duration: 5}
              - {dn: "6003", forward-busy: "6004"}
            """;


    private final ManualTimers timers = new ManualTimers();
    private final List<String> events = new ArrayList<>();
    private SwitchModel model;
    private CallModel calls;

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "forwarding.yaml"), Map.of(), Map.of(), new RecordingPersistence());
        calls = new CallModel(model, Set.of());
        calls.setListener(this::record);
        calls.setTimers(timers);
    }

    private void record(SwitchEvent.CallEvent e) {
        events.add(e.type() + " " + e.dn() + " other=" + e.otherParty() + " third=" + e.thirdParty()
                + (e.cause() == null ? "" : " cause=" + e.cause()));
    }

    @Test
    void anUnansweredCallGoesToTheNoAnswerDestinationAfterTheServiceParametersTime() {
        calls.placeFromNetwork("0699999999", "6001");
        assertThat(timers.delays()).containsExactly(Duration.ofSeconds(12));
        timers.fire(0);
        assertThat(events).containsExactly("RINGING 6001 other=0699999999 third=null",
                "RELEASED 6001 other=0699999999 third=null cause=FORWARDED",
                "RINGING 6002 other=0699999999 third=6001");
        assertThat(timers.delays()).as("6002's own ring duration").containsExactly(Duration.ofSeconds(12),
                Duration.ofSeconds(5));
        timers.fire(1);
        assertThat(events).endsWith("RELEASED 6002 other=0699999999 third=null cause=FORWARDED", "RINGING 6004 other=0699999999 third=6002");
        assertThat(calls.live()).singleElement().satisfies(c -> assertThat(c.alerting()).isEqualTo("6004"));
    }

    @Test
    void aCallAnsweredOrAbandonedBeforeItsTimeIsLeftAlone() {
        calls.placeFromNetwork("0699999999", "6001");
        calls.answerAt("6001");
        timers.fire(0);
        assertThat(events).containsExactly("RINGING 6001 other=0699999999 third=null", "ESTABLISHED 6001 other=0699999999 third=null");
        calls.placeFromNetwork("0688888888", "6002");
        calls.hangUpAt("0688888888");
        events.clear();
        timers.fire(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aNoAnswerDestinationThatCannotTakeTheCallLeavesItRinging() {
        calls.perform(new CallRequest(CallRequest.Verb.MAKE_CALL, "6002", 0, 0, "0612345678", null, 0));
        calls.placeFromNetwork("0699999999", "6001");
        events.clear();
        timers.fire(0);
        assertThat(events).as("6002 is busy and has no forward-busy").isEmpty();
        assertThat(calls.live()).anySatisfy(c -> assertThat(c.alerting()).isEqualTo("6001"));
    }

    @Test
    void aBusyDnSendsItsCallsToItsBusyDestinationButDndCallRejectGivesBusy() {
        calls.perform(new CallRequest(CallRequest.Verb.MAKE_CALL, "6001", 0, 0, "0612345678", null, 0));
        events.clear();
        calls.placeFromNetwork("0699999999", "6001");
        assertThat(events).containsExactly("RINGING 6002 other=0699999999 third=6001");

        model.setDoNotDisturb("SEP3", true);
        events.clear();
        CallView rejected = calls.placeFromNetwork("0677777777", "6003");
        assertThat(rejected.cause()).isEqualTo(CallModel.USER_BUSY);
        assertThat(events).isEmpty();
    }

    @Test
    void callForwardAllComesBeforeBusyAndNoAnswer() {
        model.setForwardAll("6001", "6003");
        calls.placeFromNetwork("0699999999", "6001");
        assertThat(events).containsExactly("RINGING 6003 other=0699999999 third=6001");
        assertThat(timers.delays()).as("6003 has no forward-no-answer").isEmpty();
    }
}
