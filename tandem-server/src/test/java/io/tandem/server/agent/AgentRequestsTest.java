package io.tandem.server.agent;

import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGIN;
import static io.tandem.protocol.MessageType.EVENT_AGENT_LOGOUT;
import static io.tandem.protocol.MessageType.EVENT_AGENT_NOT_READY;
import static io.tandem.protocol.MessageType.EVENT_AGENT_READY;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.AgentSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The four agent requests over TCP: exact event sequences, snapshots, and every error code with nothing changed. */
class AgentRequestsTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private TandemHarness t;

    private void start(UnaryOperator<AgentSettings> agents) {
        t = TandemHarness.start(c -> c.withAgents(agents.apply(c.agents())));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static AgentSettings strict(AgentSettings.StrictId strictId) {
        return new AgentSettings(List.of(new AgentSettings.AgentLogin("1001", "pw1"), new AgentSettings.AgentLogin("1002", null)), strictId,
                false, true, Duration.ZERO, Duration.ZERO, false);
    }

    private Agent desk(String name, String... dns) {
        Agent agent = t.agent(name);
        for (String dn : dns) {
            agent.client().registerAddress(dn).join();
            expect(agent.events().next(WAIT), EVENT_REGISTERED, dn);
        }
        return agent;
    }

    private static Message answer(Agent agent, String json) {
        agent.client().sendRaw(json);
        return agent.events().next(WAIT);
    }

    private static String req(String type, long ref, String dn, String more) {
        return "{\"message\":\"" + type + "\",\"ReferenceID\":" + ref + ",\"ThisDN\":\"" + dn + "\"" + more + "}";
    }

    private static void agentEvent(Message event, io.tandem.protocol.MessageType type, String dn, String agentId, String mode) {
        expect(event, type, dn);
        assertThat(event.string(Attribute.AGENT_ID)).contains(agentId);
        if (mode != null) {
            assertThat(event.string(Attribute.AGENT_WORK_MODE)).contains(mode);
        }
    }

    @Test
    void loginReadyNotReadyAndLogoutReachEveryClientOfTheDnWithTheReferenceIdOnlyOnTheRequestersCopy() {
        start(a -> a);
        Agent desk = desk("desk", "6001");
        Agent wallboard = desk("wallboard", "6001");

        Message login = answer(desk, req("RequestAgentLogin", 5, "6001", ",\"AgentID\":\"1001\",\"ThisQueue\":\"sales\""));
        agentEvent(login, EVENT_AGENT_LOGIN, "6001", "1001", "Unknown");
        referenceIs(login, 5L);
        assertThat(login.string(Attribute.THIS_QUEUE)).contains("sales");
        agentEvent(desk.events().next(WAIT), EVENT_AGENT_NOT_READY, "6001", "1001", "Unknown");
        Message seen = wallboard.events().next(WAIT);
        agentEvent(seen, EVENT_AGENT_LOGIN, "6001", "1001", "Unknown");
        assertThat(seen.referenceId()).isEmpty();
        agentEvent(wallboard.events().next(WAIT), EVENT_AGENT_NOT_READY, "6001", "1001", "Unknown");

        Message ready = answer(desk, req("RequestAgentReady", 6, "6001", ",\"AgentWorkMode\":\"AutoIn\""));
        agentEvent(ready, EVENT_AGENT_READY, "6001", "1001", "AutoIn");
        referenceIs(ready, 6L);
        agentEvent(wallboard.events().next(WAIT), EVENT_AGENT_READY, "6001", "1001", "AutoIn");

        Message notReady = answer(desk, req("RequestAgentNotReady", 7, "6001", ",\"Reasons\":{\"ReasonCode\":\"Lunch\"}"));
        agentEvent(notReady, EVENT_AGENT_NOT_READY, "6001", "1001", "AuxWork");
        assertThat(notReady.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("ReasonCode", "Lunch"));
        Message again = answer(desk, req("RequestAgentNotReady", 8, "6001", ",\"AgentWorkMode\":\"WalkAway\",\"Extensions\":{\"ReasonCode\":\"Break\"}"));
        agentEvent(again, EVENT_AGENT_NOT_READY, "6001", "1001", "WalkAway");
        assertThat(again.kvList(Attribute.REASONS)).as("a self-transition with the new reason").isEqualTo(KeyValueList.ofStrings("ReasonCode", "Break"));
        wallboard.events().drain(QUIET);

        Message logout = answer(desk, req("RequestAgentLogout", 9, "6001", ""));
        agentEvent(logout, EVENT_AGENT_LOGOUT, "6001", "1001", null);
        referenceIs(logout, 9L);
        agentEvent(wallboard.events().next(WAIT), EVENT_AGENT_LOGOUT, "6001", "1001", null);
        assertThat(desk.events().drain(QUIET)).isEmpty();
    }

    @Test
    void snapshotsCarryTheAgentAndItsLastReasonsAndARefusedRequestChangesNothing() {
        start(a -> a);
        Agent desk = desk("desk", "6001");
        answer(desk, req("RequestAgentLogin", 1, "6001", ",\"AgentID\":\"1001\",\"AgentWorkMode\":\"AuxWork\",\"Reasons\":{\"ReasonCode\":\"Start\"}"));
        Message first = desk.events().next(WAIT);
        agentEvent(first, EVENT_AGENT_NOT_READY, "6001", "1001", "AuxWork");
        assertThat(first.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("ReasonCode", "Start"));
        answer(desk, req("RequestAgentNotReady", 2, "6001", ",\"Reasons\":{\"ReasonCode\":\"Meeting\"}"));
        error(answer(desk, req("RequestAgentNotReady", 3, "6001", ",\"AgentWorkMode\":\"Dancing\",\"Reasons\":{\"ReasonCode\":\"X\"}")), EVENT_ERROR, 53);

        Agent wallboard = t.agent("wallboard");
        wallboard.client().registerAddress("6001").join();
        Message registered = expect(wallboard.events().next(WAIT), EVENT_REGISTERED, "6001");
        assertThat(registered.extensions().entries()).containsEntry("SERVICE_STATE", "InService").containsEntry("AGENT_ID", "1001")
                .containsEntry("AGENT_STATE", "NotReady").containsEntry("AGENT_WORK_MODE", "AuxWork");
        assertThat(registered.kvList(Attribute.REASONS)).as("the last successful Reasons").isEqualTo(KeyValueList.ofStrings("ReasonCode", "Meeting"));
        wallboard.client().sendRaw("{\"message\":\"RequestQueryAddress\",\"ReferenceID\":4,\"ThisDN\":\"6001\"}");
        Message info = wallboard.events().next(io.tandem.protocol.MessageType.EVENT_ADDRESS_INFO, WAIT);
        assertThat(info.extensions().entries()).containsEntry("AGENT_STATE", "NotReady");
        assertThat(info.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("ReasonCode", "Meeting"));

        desk.client().close();
        agentEvent(wallboard.events().next(EVENT_AGENT_LOGOUT, WAIT), EVENT_AGENT_LOGOUT, "6001", "1001", null);
        Agent later = t.agent("later");
        later.client().registerAddress("6001").join();
        Message after = expect(later.events().next(WAIT), EVENT_REGISTERED, "6001");
        assertThat(after.extensions().containsKey("AGENT_ID")).as("logged out with its client (agent-logout-on-unreg)").isFalse();
        assertThat(after.has(Attribute.REASONS)).isFalse();
    }

    @Test
    void anAgentStaysLoggedInWhenLogoutOnUnregisterIsOffAndItsReasonsComeBackInTheSnapshot() {
        start(a -> new AgentSettings(List.of(), AgentSettings.StrictId.OFF, false, false, Duration.ZERO, Duration.ZERO, false));
        Agent desk = desk("desk", "6001");
        answer(desk, req("RequestAgentLogin", 1, "6001", ",\"AgentID\":\"1001\""));
        desk.events().next(WAIT);
        answer(desk, req("RequestAgentNotReady", 2, "6001", ",\"Reasons\":{\"ReasonCode\":\"Meeting\"}"));
        error(answer(desk, req("RequestAgentNotReady", 3, "6001", ",\"AgentWorkMode\":\"Dancing\",\"Reasons\":{\"ReasonCode\":\"X\"}")), EVENT_ERROR, 53);
        desk.client().close();

        Agent back = t.agent("desk");
        back.client().registerAddress("6001").join();
        Message registered = expect(back.events().next(WAIT), EVENT_REGISTERED, "6001");
        assertThat(registered.extensions().getString("AGENT_ID")).contains("1001");
        assertThat(registered.extensions().getString("AGENT_STATE")).contains("NotReady");
        assertThat(registered.extensions().getString("AGENT_WORK_MODE")).contains("AuxWork");
        assertThat(registered.kvList(Attribute.REASONS)).as("the last successful Reasons").isEqualTo(KeyValueList.ofStrings("ReasonCode", "Meeting"));
        agentEvent(answer(back, req("RequestAgentReady", 4, "6001", "")), EVENT_AGENT_READY, "6001", "1001", "ManualIn");
    }

    @Test
    void everyRefusalHasItsCodeAndChangesNothing() {
        start(a -> strict(AgentSettings.StrictId.PASSWORD));
        Agent desk = desk("desk", "6001", "6002", "5000");
        Agent other = desk("other", "6003");

        assertThat(error(answer(desk, req("RequestAgentLogin", 1, "6004", ",\"AgentID\":\"1001\"")), EVENT_ERROR, 41).thisDn()).isEqualTo("6004");
        error(answer(desk, req("RequestAgentLogin", 2, "9999", ",\"AgentID\":\"1001\"")), EVENT_ERROR, 59);
        error(answer(desk, req("RequestAgentLogin", 3, "6001", "")), EVENT_ERROR, 53);
        error(answer(desk, req("RequestAgentLogin", 4, "6001", ",\"AgentID\":\"1001\",\"Password\":\"pw1\",\"AgentWorkMode\":\"Sleeping\"")), EVENT_ERROR, 53);
        error(answer(desk, req("RequestAgentLogin", 5, "5000", ",\"AgentID\":\"1001\",\"Password\":\"pw1\"")), EVENT_ERROR, 51);
        Message unknown = error(answer(desk, req("RequestAgentLogin", 6, "6001", ",\"AgentID\":\"4242\"")), EVENT_ERROR, 1703);
        referenceIs(unknown, 6L);
        error(answer(desk, req("RequestAgentLogin", 7, "6001", ",\"AgentID\":\"1001\",\"Password\":\"nope\"")), EVENT_ERROR, 1705);
        error(answer(desk, req("RequestAgentReady", 8, "6001", "")), EVENT_ERROR, 1707);
        error(answer(desk, req("RequestAgentNotReady", 9, "6001", "")), EVENT_ERROR, 1707);
        error(answer(desk, req("RequestAgentLogout", 10, "6001", "")), EVENT_ERROR, 1707);

        agentEvent(answer(desk, req("RequestAgentLogin", 11, "6001", ",\"AgentID\":\"1001\",\"Password\":\"pw1\"")), EVENT_AGENT_LOGIN, "6001", "1001", null);
        desk.events().next(WAIT);
        error(answer(other, req("RequestAgentLogin", 12, "6003", ",\"AgentID\":\"1001\",\"Password\":\"pw1\"")), EVENT_ERROR, 1704);
        error(answer(desk, req("RequestAgentLogin", 13, "6001", ",\"AgentID\":\"1002\"")), EVENT_ERROR, 1706);
        error(answer(desk, req("RequestAgentReady", 14, "6001", ",\"AgentWorkMode\":\"AuxWork\"")), EVENT_ERROR, 53);
        error(answer(desk, req("RequestAgentNotReady", 15, "6001", ",\"AgentWorkMode\":\"ManualIn\"")), EVENT_ERROR, 53);
        assertThat(desk.events().drain(QUIET)).isEmpty();
        assertThat(other.events().drain(QUIET)).isEmpty();

        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6002\"}");
        desk.events().next(io.tandem.protocol.MessageType.EVENT_RINGING, WAIT);
        error(answer(desk, req("RequestAgentLogin", 16, "6002", ",\"AgentID\":\"1002\"")), EVENT_ERROR, 506);
        Message stillServed = answer(desk, req("RequestAgentReady", 17, "6001", ""));
        agentEvent(stillServed, EVENT_AGENT_READY, "6001", "1001", "ManualIn");
    }

    @Test
    void theClientThatLoggedAnAgentInTakesItAlongWhenItGoesAndOnlyThatOne() {
        start(a -> a);
        Agent first = desk("first", "6001");
        Agent second = desk("second", "6001", "6002");
        answer(first, req("RequestAgentLogin", 1, "6001", ",\"AgentID\":\"1001\""));
        answer(second, req("RequestAgentLogin", 2, "6002", ",\"AgentID\":\"1002\""));
        first.events().drain(QUIET);
        second.events().drain(QUIET);

        first.client().close();
        Message logout = second.events().next(WAIT);
        agentEvent(logout, EVENT_AGENT_LOGOUT, "6001", "1001", null);
        assertThat(logout.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("LOGOUT_REASON", "ClientDisconnected"));
        assertThat(second.events().drain(QUIET)).as("1002, logged in by the client still there, stays").isEmpty();

        second.client().unregisterAddress("6002").join();
        assertThat(t.server().core().onCoreThread(() -> t.server().core().agents().all()).join()).isEmpty();
    }

    @Test
    void anAgentNotReadyTooLongIsLoggedOut() {
        start(a -> new AgentSettings(List.of(), AgentSettings.StrictId.OFF, false, true, Duration.ZERO, Duration.ofMillis(400), false));
        Agent desk = desk("desk", "6001");
        answer(desk, req("RequestAgentLogin", 1, "6001", ",\"AgentID\":\"1001\""));
        desk.events().next(WAIT);
        Message logout = desk.events().next(WAIT);
        agentEvent(logout, EVENT_AGENT_LOGOUT, "6001", "1001", null);
        assertThat(logout.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("LOGOUT_REASON", "AutoLogout"));
    }

    @Test
    void theClientLibrarysTypedCallsAndItsAgentViewFollowTheAgent() {
        start(a -> strict(AgentSettings.StrictId.PASSWORD));
        Agent desk = desk("desk", "6001");
        io.tandem.client.AgentView view = new io.tandem.client.AgentView();
        desk.client().addListener(view);

        assertThat(desk.client().agentLogin("6001", "1001", "pw1").join().type()).isEqualTo(io.tandem.protocol.MessageType.EVENT_AGENT_LOGIN);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> view.onDn("6001").map(a -> a.state().equals("NotReady")).orElse(false));
        assertThat(desk.client().agentReady("6001").join().string(Attribute.AGENT_WORK_MODE)).contains("ManualIn");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> view.onDn("6001").map(a -> a.state().equals("Ready")).orElse(false));
        desk.client().agentNotReady("6001", "Lunch").join();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(view.onDn("6001")).contains(
                new io.tandem.client.AgentView.AgentStatus("1001", "NotReady", "AuxWork", KeyValueList.ofStrings("ReasonCode", "Lunch"))));
        io.tandem.client.RequestFailedException refused = (io.tandem.client.RequestFailedException) org.assertj.core.api.Assertions
                .catchThrowable(() -> desk.client().agentLogin("6001", "1002").join()).getCause();
        assertThat(refused.errorCode()).isEqualTo(1706);
        desk.client().agentLogout("6001").join();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> view.onDn("6001").isEmpty());
    }
}
