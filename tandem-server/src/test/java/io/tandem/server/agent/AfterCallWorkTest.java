package io.tandem.server.agent;

import static io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY;
import static io.tandem.protocol.MessageType.EVENT_AGENT_READY;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.AgentSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After-call work: a business call (inbound from the network) the Ready agent handled puts it Not Ready in
 * AfterCallWork before its EventReleased; a timed wrap-up returns it to Ready with the work mode it had.
 */
class AfterCallWorkTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private TandemHarness t;
    private Agent desk;

    private void start(Duration wrapUp) {
        t = TandemHarness.start(c -> c.withAgents(AgentSettings.DEFAULT.withWrapUpTime(wrapUp)));
        desk = t.agent("desk");
        for (String dn : new String[] {"6001", "6002"}) {
            desk.client().registerAddress(dn).join();
            expect(desk.events().next(WAIT), EVENT_REGISTERED, dn);
        }
        send("{\"message\":\"RequestAgentLogin\",\"ThisDN\":\"6001\",\"AgentID\":\"1001\"}");
        desk.events().next(WAIT);
        desk.events().next(WAIT);
        send("{\"message\":\"RequestAgentReady\",\"ThisDN\":\"6001\",\"AgentWorkMode\":\"AutoIn\"}");
        expect(desk.events().next(WAIT), EVENT_AGENT_READY, "6001");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private void send(String json) {
        desk.client().sendRaw(json);
    }

    /** An inbound call to 6001, answered and released by the agent; returns the events that follow the release request. */
    private void inboundCallHandledAndReleased() {
        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6001\"}").status()).isEqualTo(200);
        String connId = expect(desk.events().next(WAIT), EVENT_RINGING, "6001").string(Attribute.CONN_ID).orElseThrow();
        send("{\"message\":\"RequestAnswerCall\",\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
        expect(desk.events().next(WAIT), EVENT_ESTABLISHED, "6001");
        send("{\"message\":\"RequestReleaseCall\",\"ReferenceID\":40,\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
    }

    private static void afterCallWork(Message event, String wrapUpTime) {
        expect(event, EVENT_AGENT_NOT_READY, "6001");
        assertThat(event.string(Attribute.AGENT_WORK_MODE)).contains("AfterCallWork");
        assertThat(event.extensions()).isEqualTo(KeyValueList.ofStrings("WrapUpTime", wrapUpTime));
        assertThat(event.referenceId()).isEmpty();
    }

    @Test
    void aTimedWrapUpComesBeforeTheReleaseAndEndsInReadyWithTheModeTheAgentHad() {
        start(Duration.ofSeconds(1));
        inboundCallHandledAndReleased();
        afterCallWork(desk.events().next(WAIT), "1");
        Message released = expect(desk.events().next(WAIT), EVENT_RELEASED, "6001");
        assertThat(released.referenceId()).contains(40L);
        Message ready = expect(desk.events().next(WAIT), EVENT_AGENT_READY, "6001");
        assertThat(ready.string(Attribute.AGENT_WORK_MODE)).contains("AutoIn");
        assertThat(desk.events().drain(QUIET)).isEmpty();
    }

    @Test
    void anUntimedWrapUpWaitsForRequestAgentReady() {
        start(null);
        inboundCallHandledAndReleased();
        afterCallWork(desk.events().next(WAIT), "untimed");
        expect(desk.events().next(WAIT), EVENT_RELEASED, "6001");
        assertThat(desk.events().drain(QUIET)).isEmpty();
        send("{\"message\":\"RequestAgentReady\",\"ThisDN\":\"6001\"}");
        assertThat(expect(desk.events().next(WAIT), EVENT_AGENT_READY, "6001").string(Attribute.AGENT_WORK_MODE)).contains("ManualIn");
    }

    @Test
    void readyDuringWrapUpEndsItAtOnceAndTheTimerDoesNotFireLater() {
        start(Duration.ofMillis(1500));
        inboundCallHandledAndReleased();
        afterCallWork(desk.events().next(WAIT), "1");
        expect(desk.events().next(WAIT), EVENT_RELEASED, "6001");
        send("{\"message\":\"RequestAgentReady\",\"ThisDN\":\"6001\"}");
        expect(desk.events().next(WAIT), EVENT_AGENT_READY, "6001");
        assertThat(desk.events().drain(Duration.ofMillis(2500))).as("the wrap-up timer was cancelled").isEmpty();
    }

    @Test
    void internalCallsAndCallsOfANotReadyAgentBringNoAfterCallWork() {
        start(Duration.ofSeconds(1));
        send("{\"message\":\"RequestMakeCall\",\"ThisDN\":\"6002\",\"OtherDN\":\"6001\"}");
        expect(desk.events().next(WAIT), io.tandem.protocol.MessageType.EVENT_DIALING, "6002");
        String connId = expect(desk.events().next(WAIT), EVENT_RINGING, "6001").string(Attribute.CONN_ID).orElseThrow();
        send("{\"message\":\"RequestAnswerCall\",\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
        desk.events().next(EVENT_ESTABLISHED, WAIT);
        desk.events().drain(QUIET);
        send("{\"message\":\"RequestReleaseCall\",\"ThisDN\":\"6001\",\"ConnID\":\"" + connId + "\"}");
        assertThat(desk.events().drain(QUIET)).extracting(Message::name).doesNotContain("EventAgentNotReady").contains("EventReleased");

        send("{\"message\":\"RequestAgentNotReady\",\"ThisDN\":\"6001\"}");
        expect(desk.events().next(WAIT), EVENT_AGENT_NOT_READY, "6001");
        inboundCallHandledAndReleased();
        expect(desk.events().next(WAIT), EVENT_RELEASED, "6001");
        assertThat(desk.events().drain(QUIET)).isEmpty();
    }
}
