package io.tandem.server.monitor;

import static io.tandem.protocol.MessageType.EVENT_DIALING;
import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_ESTABLISHED;
import static io.tandem.protocol.MessageType.EVENT_MONITORING_CANCELLED;
import static io.tandem.protocol.MessageType.EVENT_MONITORING_NEXT_CALL;
import static io.tandem.protocol.MessageType.EVENT_PARTY_ADDED;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_CANCEL_MONITORING;
import static io.tandem.protocol.MessageType.REQUEST_MONITOR_NEXT_CALL;
import static io.tandem.protocol.MessageType.REQUEST_SET_MUTE_OFF;
import static io.tandem.protocol.MessageType.REQUEST_SET_MUTE_ON;
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
import org.junit.jupiter.api.Test;

/** Supervisor 6004 monitors agent 6001: silent, coach, barge, next call, every call of the agent, and the refusals. */
class MonitoringCtiTest extends HarnessTest {

    private static final Duration QUIET = Duration.ofMillis(250);

    private static Message monitor(String supervisor, String agent, String mode, String scope) {
        return request(REQUEST_MONITOR_NEXT_CALL, supervisor, Attribute.OTHER_DN, agent, Attribute.EXTENSIONS,
                KeyValueList.ofStrings("MonitorMode", mode, "MonitorScope", scope));
    }

    private String connected(Agent agent, String dn, String caller) {
        t.post("/api/switch/calls", "{\"from\":\"" + caller + "\",\"to\":\"" + dn + "\"}");
        String c = connId(call(agent.events().skipTo(EVENT_RINGING, WAIT), EVENT_RINGING, dn, null, caller, "Inbound"));
        agent.client().request(request(REQUEST_ANSWER_CALL, dn, Attribute.CONN_ID, c)).join();
        agent.events().next(WAIT);
        return c;
    }

    @Test
    void silentThenCoachThenSilentThenCancelled() {
        Agent agent = t.registered("agent", "6001");
        Agent supervisor = t.registered("supervisor", "6004");
        String c = connected(agent, "6001", "0698765432");

        supervisor.client().send(monitor("6004", "6001", "mute", "call").with(Attribute.REFERENCE_ID, 5L));
        Message dialing = expect(supervisor.events().next(WAIT), EVENT_DIALING, "6004");
        assertThat(dialing.string(Attribute.OTHER_DN)).contains("6001");
        assertThat(dialing.extensions().getString("MONITOR_MODE")).contains("mute");
        assertThat(dialing.extensions().getString("MONITORED_DN")).contains("6001");
        assertThat(dialing.extensions().getString("MONITORED_CONNID")).contains(c);
        String monitoringCall = connId(dialing);
        assertThat(expect(supervisor.events().next(WAIT), EVENT_ESTABLISHED, "6004").string(Attribute.CONN_ID)).contains(monitoringCall);
        Message answer = expect(supervisor.events().next(WAIT), EVENT_MONITORING_NEXT_CALL, "6004");
        referenceIs(answer, 5L);
        assertThat(answer.string(Attribute.OTHER_DN)).contains("6001");

        Message coach = expect(supervisor.answer(request(REQUEST_SET_MUTE_OFF, "6004")), EVENT_PRIVATE_INFO, "6004");
        referenceIs(coach, 77L);
        assertThat(coach.string(Attribute.PRIVATE_MSG_ID)).contains("4024");
        assertThat(coach.extensions().getString("MonitorMode")).contains("coach");
        Message toAgent = expect(agent.events().next(WAIT), EVENT_PRIVATE_INFO, "6001");
        assertThat(toAgent.extensions().getString("MonitorMode")).contains("coach");
        assertThat(toAgent.string(Attribute.OTHER_DN)).contains("6004");
        assertThat(expect(supervisor.answer(request(REQUEST_SET_MUTE_ON, "6004")), EVENT_PRIVATE_INFO, "6004").extensions()
                .getString("MonitorMode")).contains("mute");
        agent.events().next(WAIT);
        assertThat(t.get("/api/switch/monitorings").body().get(0).get("mode").asText()).isEqualTo("silent");

        supervisor.client().send(request(REQUEST_CANCEL_MONITORING, "6004", Attribute.OTHER_DN, "6001").with(Attribute.REFERENCE_ID, 9L));
        expect(supervisor.events().next(WAIT), EVENT_RELEASED, "6004");
        referenceIs(expect(supervisor.events().next(WAIT), EVENT_MONITORING_CANCELLED, "6004"), 9L);
        assertThat(t.get("/api/switch/monitorings").body()).isEmpty();
        assertThat(agent.events().drain(QUIET)).as("the agent's call goes on").noneMatch(m -> m.type() == EVENT_RELEASED);
    }

    @Test
    void scopeAgentMonitorsEveryCallOfTheAgentUntilCancelled() {
        Agent agent = t.registered("agent", "6001");
        Agent supervisor = t.registered("supervisor", "6004");
        referenceIs(expect(supervisor.answer(monitor("6004", "6001", "mute", "agent")), EVENT_MONITORING_NEXT_CALL, "6004"), 77L);
        for (String caller : new String[] {"0698765432", "0698765433"}) {
            String c = connected(agent, "6001", caller);
            Message dialing = expect(supervisor.events().next(WAIT), EVENT_DIALING, "6004");
            assertThat(dialing.extensions().getString("MONITORED_CONNID")).contains(c);
            expect(supervisor.events().next(WAIT), EVENT_ESTABLISHED, "6004");
            t.post("/api/switch/parties/" + caller + "/hangup", "{}");
            agent.events().skipTo(EVENT_RELEASED, WAIT);
            expect(supervisor.events().next(WAIT), EVENT_RELEASED, "6004");
        }
        assertThat(supervisor.events().drain(QUIET)).as("scope agent: not cancelled by the calls' ends").isEmpty();
        referenceIs(expect(supervisor.answer(request(REQUEST_CANCEL_MONITORING, "6004", Attribute.OTHER_DN, "6001")),
                EVENT_MONITORING_CANCELLED, "6004"), 77L);
    }

    @Test
    void aBargeJoinsTheSupervisorToTheAgentsCall() {
        Agent agent = t.registered("agent", "6001");
        Agent supervisor = t.registered("supervisor", "6004");
        String c = connected(agent, "6001", "0698765432");
        supervisor.client().send(monitor("6004", "6001", "connect", "call").with(Attribute.REFERENCE_ID, 5L));
        assertThat(expect(supervisor.events().next(WAIT), EVENT_ESTABLISHED, "6004").string(Attribute.CONN_ID)).contains(c);
        expect(supervisor.events().next(WAIT), EVENT_MONITORING_NEXT_CALL, "6004");
        Message added = expect(agent.events().next(WAIT), EVENT_PARTY_ADDED, "6001");
        assertThat(added.string(Attribute.OTHER_DN)).contains("6004");
        error(supervisor.answer(request(REQUEST_SET_MUTE_OFF, "6004")), EVENT_ERROR, 506);
    }

    @Test
    void refusals() {
        Agent agent = t.registered("agent", "6001");
        Agent supervisor = t.registered("supervisor", "6004");
        error(supervisor.answer(monitor("6002", "6001", "mute", "call")), EVENT_ERROR, 41);
        error(supervisor.answer(monitor("6004", "9999", "mute", "call")), EVENT_ERROR, 59);
        error(supervisor.answer(monitor("6004", "6001", "loud", "call")), EVENT_ERROR, 53);
        error(supervisor.answer(monitor("6004", "6001", "mute", "forever")), EVENT_ERROR, 53);
        error(supervisor.answer(request(REQUEST_MONITOR_NEXT_CALL, "6004")), EVENT_ERROR, 53);
        error(supervisor.answer(request(REQUEST_SET_MUTE_OFF, "6004")), EVENT_ERROR, 506);
        error(supervisor.answer(request(REQUEST_CANCEL_MONITORING, "6004", Attribute.OTHER_DN, "6001")), EVENT_ERROR, 506);
        connected(supervisor, "6004", "0697000000");
        error(supervisor.answer(monitor("6004", "6001", "mute", "call")), EVENT_ERROR, 506);

        Agent remote = t.agent("remote");
        remote.client().registerAddress("7001", ext("REMOTE_DEST", "0611111111")).join();
        remote.events().skipTo(EVENT_DN_BACK_IN_SERVICE, WAIT);
        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"7001\"}");
        remote.events().skipTo(EVENT_RINGING, WAIT);
        t.post("/api/switch/parties/0611111111/answer", "{}");
        remote.events().skipTo(EVENT_ESTABLISHED, WAIT);
        Agent other = t.registered("other", "6002");
        error(other.answer(monitor("6002", "7001", "mute", "call")), EVENT_ERROR, 1141);
        assertThat(t.get("/api/switch/monitorings").body()).isEmpty();
        assertThat(agent.events().drain(QUIET)).isEmpty();
    }
}
