package io.tandem.ucm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import io.tandem.ucm.SwitchFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route points in the call model (JTAPI route sessions on CUCM): a call waits while a route callback is registered, is
 * routed, rejected, re-routed never, timed out to Forward No Answer or to busy, abandoned; without a callback it follows
 * the route point's forwards. Timers are fired by hand.
 */
class RoutePointTest {

    private static final String CONFIG = """
            dial-plan:
              external-pattern: "\\\\+?[0-9]{6,15}"
            devices:
              - {name: SEP1, type: phone, lines: ["6001"]}
              - {name: SEP2, type: phone, lines: ["6002"]}
              - {name: SEP3, type: phone, lines: ["6003"]}
              - {name: RP5000, type: route-point, lines: ["5000"], select-route-timer: 15}
              - {name: RP5001, type: route-point, lines: ["5001"]}
              - {name: RP5002, type: route-point, lines: ["5002"]}
            directory-numbers:
              - {dn: "5000", forward-no-answer: "6003"}
              - {dn: "5001", forward-busy: "6002"}
            """;
    private static final String CALLER = "0699999999";


    private final ManualTimers timers = new ManualTimers();
    private final List<String> events = new ArrayList<>();
    private SwitchModel model;
    private CallModel calls;

    @BeforeEach
    void start() {
        model = new SwitchModel(SwitchFixtures.parse(CONFIG, "rp.yaml"), Map.of(), Map.of(), new RecordingPersistence());
        calls = new CallModel(model, Set.of());
        calls.setListener(this::record);
        calls.setTimers(timers);
        model.registerRouteCallback("link-1", "5000");
    }

    private void record(SwitchEvent.CallEvent e) {
        events.add(e.type() + " " + (e.dn() == null ? "-" : e.dn()) + " other=" + e.otherParty() + " third=" + e.thirdParty()
                + (e.previousCallId() == 0 ? "" : " previous=" + e.previousCallId()) + (e.cause() == null ? "" : " cause=" + e.cause()));
    }

    private long waiting(String caller) {
        CallView call = calls.placeFromNetwork(caller, "5000");
        assertThat(call.parties()).extracting(CallView.PartyView::state).containsExactly(PartyState.DIALING, PartyState.ROUTING);
        return call.callId();
    }

    private static CallRequest route(long call, String destination) {
        return new CallRequest(CallRequest.Verb.SELECT_ROUTE, "5000", call, 0, destination, null, 7);
    }

    private SwitchError refused(CallRequest request) {
        SwitchException e = catchThrowableOfType(() -> calls.perform(request), SwitchException.class);
        assertThat(e).isNotNull();
        return e.error();
    }

    @Test
    void aCallWaitsAtTheRoutePointAndIsRoutedWithTheSameCall() {
        long call = waiting(CALLER);
        assertThat(events).containsExactly("ROUTE_REQUEST 5000 other=" + CALLER + " third=null");
        assertThat(timers.delays()).containsExactly(Duration.ofSeconds(15));
        assertThat(calls.waitingAt("5000")).extracting(CallView::callId).containsExactly(call);
        events.clear();
        calls.perform(route(call, "6001"));
        assertThat(events).containsExactly("ROUTE_USED 5000 other=6001 third=null", "RINGING 6001 other=" + CALLER + " third=5000");
        calls.answerAt("6001");
        assertThat(calls.live()).singleElement().satisfies(c -> assertThat(c.callId()).isEqualTo(call));
        timers.fire(0);
        assertThat(events).as("the timer of an ended session does nothing").hasSize(3);
    }

    @Test
    void anUnroutableDestinationChangesNothingButABusyOneEndsTheSessionAndTheCallerGetsBusy() {
        long call = waiting(CALLER);
        events.clear();
        assertThat(refused(route(call, "12"))).isEqualTo(SwitchError.UNROUTABLE);
        assertThat(refused(route(call, ""))).isEqualTo(SwitchError.INVALID_ARGUMENT);
        assertThat(refused(route(424242, "6001"))).isEqualTo(SwitchError.CALL_NOT_FOUND);
        assertThat(events).isEmpty();
        assertThat(calls.waitingAt("5000")).hasSize(1);

        calls.perform(new CallRequest(CallRequest.Verb.MAKE_CALL, "6002", 0, 0, "0612345678", null, 0));
        events.clear();
        assertThat(refused(route(call, "6002"))).isEqualTo(SwitchError.DESTINATION_BUSY);
        assertThat(events).containsExactly("RELEASED 5000 other=" + CALLER + " third=null cause=REROUTE", "CALL_CLEARED - other=null third=null cause=USER_BUSY");
        assertThat(calls.waitingAt("5000")).isEmpty();
    }

    @Test
    void endRouteGivesAPhoneCallerBusy() {
        long call = calls.perform(new CallRequest(CallRequest.Verb.MAKE_CALL, "6001", 0, 0, "5000", null, 0));
        events.clear();
        calls.perform(new CallRequest(CallRequest.Verb.END_ROUTE, "5000", call, 0, null, null, 0));
        assertThat(events).containsExactly("RELEASED 5000 other=6001 third=null cause=ROUTE_REJECTED",
                "DESTINATION_BUSY 6001 other=5000 third=null cause=USER_BUSY");
        assertThat(refused(new CallRequest(CallRequest.Verb.END_ROUTE, "5000", call, 0, null, null, 0))).isEqualTo(SwitchError.CALL_NOT_FOUND);
    }

    @Test
    void theSelectRouteTimerSendsTheCallToForwardNoAnswerOrGivesBusy() {
        waiting(CALLER);
        events.clear();
        timers.fire(0);
        assertThat(events).containsExactly("RELEASED 5000 other=" + CALLER + " third=null cause=FORWARDED",
                "RINGING 6003 other=" + CALLER + " third=5000");

        model.registerRouteCallback("link-1", "5002");
        calls.placeFromNetwork("0688888888", "5002");
        events.clear();
        timers.fire(1);
        assertThat(events).containsExactly("RELEASED 5002 other=0688888888 third=null cause=ROUTE_TIMEOUT",
                "CALL_CLEARED - other=null third=null cause=USER_BUSY");
    }

    @Test
    void withNoCallbackARoutePointFollowsItsForwardsOrTheCallerGetsBusy() {
        calls.placeFromNetwork(CALLER, "5001");
        assertThat(events).as("5001: no callback, forward-busy 6002").containsExactly("RINGING 6002 other=" + CALLER + " third=5001");
        CallView busy = calls.placeFromNetwork("0688888888", "5002");
        assertThat(busy.cause()).isEqualTo(CallModel.USER_BUSY);
        model.unregisterRouteCallback("link-1", "5000");
        events.clear();
        calls.placeFromNetwork("0677777777", "5000");
        assertThat(events).as("5000: forward-no-answer 6003 first").containsExactly("RINGING 6003 other=0677777777 third=5000");
    }

    @Test
    void theCallerHangingUpAbandonsTheSession() {
        waiting(CALLER);
        events.clear();
        calls.hangUpAt(CALLER);
        assertThat(events).containsExactly("ABANDONED 5000 other=" + CALLER + " third=null cause=NORMAL_CLEARING",
                "CALL_CLEARED - other=null third=null cause=NORMAL_CLEARING");
    }

    @Test
    void aConsultationCallToARoutePointNamesTheCallItConsultsFrom() {
        CallView first = calls.placeFromNetwork(CALLER, "6001");
        calls.answerAt("6001");
        events.clear();
        long consult = calls.perform(new CallRequest(CallRequest.Verb.CONSULT_TRANSFER, "6001", first.callId(), 0, "5000", null, 0));
        assertThat(events).endsWith("ROUTE_REQUEST 5000 other=6001 third=null previous=" + first.callId());
        assertThat(consult).isNotEqualTo(first.callId());
    }

    @Test
    void aNewCallbackIsToldOfTheCallsAlreadyWaitingAndOnlyOneLinkHoldsARoutePoint() {
        waiting(CALLER);
        model.dropRouteCallbacks("link-1");
        events.clear();
        model.registerRouteCallback("link-2", "5000");
        calls.routeCallbackRegistered("5000");
        assertThat(events).containsExactly("ROUTE_REQUEST 5000 other=" + CALLER + " third=null");
        SwitchException taken = catchThrowableOfType(() -> model.registerRouteCallback("link-3", "5000"), SwitchException.class);
        assertThat(taken.error()).isEqualTo(SwitchError.INVALID_STATE);
        SwitchException notRp = catchThrowableOfType(() -> model.registerRouteCallback("link-2", "6001"), SwitchException.class);
        assertThat(notRp.error()).isEqualTo(SwitchError.INVALID_ARGUMENT);
    }
}
