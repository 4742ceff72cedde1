package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.CallRequest;
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

/** Do Not Disturb and Call Forward All in the switch model: the rules, what callers get, what is written. */
class DiversionsTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            end-users:
              - {id: alice, mobility: true}
            application-users:
              - {id: app1, password: one, controlled-devices: [CTIRDalice, SEP1, SEP2, SEP3]}
            devices:
              - {name: CTIRDalice, type: cti-remote-device, owner: alice, lines: ["7001"], remote-destinations: [{name: m, number: "0611111111"}]}
              - {name: SEP1, type: phone, lines: ["6001"], dnd-option: call-reject}
              - {name: SEP2, type: phone, lines: ["6002"]}
              - {name: SEP3, type: phone, lines: ["6003"], extension-mobility: true}
            """;

    private final RecordingPersistence persistence = new RecordingPersistence();
    private final List<String> reported = new ArrayList<>();
    private final List<String> callEvents = new ArrayList<>();
    private SwitchModel model;
    private CallModel calls;

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "diversions.yaml"), Map.of(), Map.of(), persistence);
        model.setListener(new SwitchListener() {
            @Override
            public void serviceChanged(Device device) {
                reported.add("service " + device.name());
            }

            @Override
            public void remoteDestinationsChanged(Device device) {
                reported.add("destinations " + device.name());
            }

            @Override
            public void linesChanged(Device device, String previousProfile) {
                reported.add("lines " + device.name());
            }

            @Override
            public void doNotDisturbChanged(Device device) {
                reported.add("dnd " + device.name() + " " + model.doNotDisturb(device));
            }

            @Override
            public void forwardAllChanged(Device device, String dn) {
                reported.add("forward " + dn + " " + model.forwardAll(dn));
            }
        });
        calls = new CallModel(model, Set.of());
        calls.setListener(this::recordCallEvent);
    }

    private void recordCallEvent(SwitchEvent.CallEvent e) {
        callEvents.add(e.type() + " " + e.dn() + " other=" + e.otherParty() + " third=" + e.thirdParty()
                + (e.cause() == null ? "" : " cause=" + e.cause()));
    }

    private void refused(Runnable change, SwitchError error) {
        List<String> writtenBefore = List.copyOf(persistence.written);
        List<String> reportedBefore = List.copyOf(reported);
        SwitchException refusal = catchThrowableOfType(change::run, SwitchException.class);
        assertThat(refusal).isNotNull();
        assertThat(refusal.error()).as(refusal.getMessage()).isEqualTo(error);
        assertThat(persistence.written).as("nothing written").isEqualTo(writtenBefore);
        assertThat(reported).as("nothing reported").isEqualTo(reportedBefore);
    }

    @Test
    void callRejectGivesTheCallerBusyAndRingerOffStillRings() {
        model.setDoNotDisturb("SEP1", true);
        model.setDoNotDisturb("SEP2", true);
        assertThat(persistence.written).containsExactly("dnd device SEP1 true", "dnd device SEP2 true");
        assertThat(reported).containsExactly("dnd SEP1 true", "dnd SEP2 true");

        CallView rejected = calls.placeFromNetwork("0699999999", "6001");
        assertThat(rejected.cause()).isEqualTo(CallModel.USER_BUSY);
        assertThat(callEvents).isEmpty();

        calls.placeFromNetwork("0699999999", "6002");
        assertThat(callEvents).containsExactly("RINGING 6002 other=0699999999 third=null");
    }

    @Test
    void doNotDisturbIsRefusedWhenAlreadySetOrOutOfServiceAndChangesNothing() {
        refused(() -> model.setDoNotDisturb("SEP2", false), SwitchError.ALREADY_SET);
        model.setDoNotDisturb("SEP2", true);
        refused(() -> model.setDoNotDisturb("SEP2", true), SwitchError.ALREADY_SET);
        model.setInService("SEP1", false);
        refused(() -> model.setDoNotDisturb("SEP1", true), SwitchError.DEVICE_OUT_OF_SERVICE);
        refused(() -> model.setDoNotDisturb("SEPnone", true), SwitchError.DEVICE_NOT_FOUND);
    }

    @Test
    void whileAUserIsLoggedInDoNotDisturbBelongsToTheProfileAndFollowsTheUser() {
        model.setPhoneLines("SEP3", List.of("8001"), "alice", "alice-profile");
        model.setDoNotDisturb("SEP3", true);
        assertThat(persistence.written).containsExactly("dnd profile alice-profile true");
        model.setPhoneLines("SEP3", List.of("6003"), null, null);
        assertThat(model.doNotDisturb(model.require("SEP3"))).as("the phone's own status is untouched").isFalse();
        model.setPhoneLines("SEP2", List.of("8001"), "alice", "alice-profile");
        assertThat(model.doNotDisturb(model.require("SEP2"))).as("the profile's status on the next phone").isTrue();
    }

    @Test
    void aFailedWriteTakesTheStatusBack() {
        model.setDoNotDisturb("SEP2", true);
        persistence.undos.get(0).run();
        assertThat(model.doNotDisturb(model.require("SEP2"))).isFalse();
        assertThat(reported).containsExactly("dnd SEP2 true", "dnd SEP2 false");
    }

    @Test
    void callsToAForwardedDnGoToItsDestinationWithoutRingingIt() {
        model.setForwardAll("6001", "6002");
        assertThat(persistence.written).containsExactly("forward 6001 6002");
        assertThat(reported).containsExactly("forward 6001 6002");
        calls.placeFromNetwork("0699999999", "6001");
        assertThat(callEvents).containsExactly("RINGING 6002 other=0699999999 third=6001");
    }

    @Test
    void forwardingToARemoteTerminalRingsItsActiveRemoteDestination() {
        model.setActiveRemoteDestination("link-1", "CTIRDalice", "0611111111", true);
        model.setForwardAll("6002", "7001");
        CallView call = calls.placeFromNetwork("0699999999", "6002");
        assertThat(callEvents).containsExactly("RINGING 7001 other=0699999999 third=6002");
        calls.answerAt("0611111111");
        assertThat(calls.live()).singleElement().satisfies(c -> assertThat(c.callId()).isEqualTo(call.callId()));
        assertThat(callEvents).contains("ESTABLISHED 7001 other=0699999999 third=null");
    }

    @Test
    void forwardingFollowsChainsAndTheTargetsDoNotDisturb() {
        model.setForwardAll("6002", "6003");
        model.setForwardAll("6003", "6001");
        model.setDoNotDisturb("SEP1", true);
        CallView rejected = calls.placeFromNetwork("0699999999", "6002");
        assertThat(rejected.cause()).isEqualTo(CallModel.USER_BUSY);
        model.setForwardAll("6003", null);
        assertThat(reported).endsWith("forward 6003 null");
        calls.placeFromNetwork("0699999999", "6002");
        assertThat(callEvents).containsExactly("RINGING 6003 other=0699999999 third=6002");
    }

    @Test
    void aRedirectToAForwardedDnFollowsTheForward() {
        model.setForwardAll("6003", "6002");
        CallView ringing = calls.placeFromNetwork("0699999999", "6001");
        callEvents.clear();
        calls.perform(new CallRequest(CallRequest.Verb.REDIRECT, "6001", ringing.callId(), 0, "6003", null, 0));
        assertThat(callEvents).containsExactly("RELEASED 6001 other=0699999999 third=null cause=REDIRECTED",
                "RINGING 6002 other=0699999999 third=6001");
    }

    @Test
    void forwardingIsRefusedToItselfUnroutableNumbersAndLoopsAndChangesNothing() {
        model.setForwardAll("6002", "6003");
        persistence.written.clear();
        reported.clear();
        refused(() -> model.setForwardAll("6001", "6001"), SwitchError.UNROUTABLE);
        refused(() -> model.setForwardAll("6001", "12"), SwitchError.UNROUTABLE);
        refused(() -> model.setForwardAll("6003", "6002"), SwitchError.UNROUTABLE);
        refused(() -> model.setForwardAll("9999", "6002"), SwitchError.DEVICE_NOT_FOUND);
        assertThat(model.forwardAll("6003")).isNull();
        assertThat(model.forwardAll("6001")).isNull();
    }

    @Test
    void cancellingOrSettingTheSameForwardAgainChangesNothing() {
        model.setForwardAll("6001", null);
        model.setForwardAll("6001", "0612345678");
        model.setForwardAll("6001", "0612345678");
        assertThat(persistence.written).containsExactly("forward 6001 0612345678");
        calls.placeFromNetwork("0699999999", "6001");
        assertThat(callEvents).isEmpty();
        assertThat(calls.live()).singleElement().satisfies(c -> assertThat(c.parties()).extracting(CallView.PartyView::address)
                .containsExactly("0699999999", "0612345678"));
    }

    @Test
    void storedStatusesAndForwardsAreInEffectAtStart() {
        SwitchModel restarted = new SwitchModel(SwitchFixtures.parse(CONFIG, "diversions.yaml"), Map.of(), Map.of(),
                new Diversions(Set.of("SEP2"), Set.of(), Map.of("6001", "6003")), persistence);
        assertThat(restarted.doNotDisturb(restarted.require("SEP2"))).isTrue();
        assertThat(restarted.forwardedDestination("6001")).isEqualTo("6003");
        assertThat(restarted.snapshotFor(restarted.require("SEP1"), "link-1").forwardAll()).containsExactly(Map.entry("6001", "6003"));
        assertThat(restarted.snapshotFor(restarted.require("SEP2"), "link-1").dnd()).isTrue();
    }
}
