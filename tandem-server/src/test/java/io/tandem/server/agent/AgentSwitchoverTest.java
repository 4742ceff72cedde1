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
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.AgentSettings;
import io.tandem.server.ha.HaRole;
import io.tandem.server.ha.HaSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents survive a switchover: the backup mirrors them (its snapshots show them), and after the primary dies its
 * clients see no logout and no login, every agent keeps its state and Reasons, and a running wrap-up ends on the new
 * primary.
 */
class AgentSwitchoverTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private TandemHarness t;
    private TServer primary;
    private TServer backup;

    @BeforeEach
    void start() {
        HaSettings pair = HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000))
                .withSecret(TandemHarness.SYNC_SECRET);
        t = TandemHarness.start(pair, c -> c.withAgents(AgentSettings.DEFAULT.withWrapUpTime(Duration.ofSeconds(2))));
        primary = t.server();
        await().atMost(WAIT).until(() -> primary.core().ha().status().holdsPrimaryRole());
        backup = t.startBackup(Duration.ofMillis(200), Duration.ofMillis(1000));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static Agent registered(Agent agent, String... dns) {
        for (String dn : dns) {
            agent.client().registerAddress(dn).join();
            expect(agent.events().next(WAIT), EVENT_REGISTERED, dn);
        }
        return agent;
    }

    /** The next event of {@code type}, skipping others. */
    private static Message until(Agent agent, io.tandem.protocol.MessageType type) {
        for (int i = 0; i < 100; i++) {
            Message event = agent.events().next(WAIT);
            if (event.type() == type) {
                return event;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static List<String> agentsOf(TServer server) {
        return server.core().onCoreThread(() -> server.core().agents().all().stream()
                .map(a -> a.dn() + " " + a.agentId() + " " + a.state() + " " + a.workMode().wireName() + " " + a.reasons().entries())
                .collect(Collectors.toList())).join();
    }

    @Test
    void agentsKeepTheirStateAndAWrapUpEndsOnTheNewPrimary() {
        Agent desk = registered(t.agentOn(primary, "desk"), "6001", "6002", "6003");
        Agent deskOnBackup = registered(t.agentOn(backup, "desk"), "6001", "6002", "6003");
        desk.client().sendRaw("{\"message\":\"RequestAgentLogin\",\"ThisDN\":\"6001\",\"AgentID\":\"1001\"}");
        desk.client().sendRaw("{\"message\":\"RequestAgentReady\",\"ThisDN\":\"6001\"}");
        desk.client().sendRaw("{\"message\":\"RequestAgentLogin\",\"ThisDN\":\"6002\",\"AgentID\":\"1002\",\"Reasons\":{\"ReasonCode\":\"Coffee\"}}");
        desk.client().sendRaw("{\"message\":\"RequestAgentLogin\",\"ThisDN\":\"6003\",\"AgentID\":\"1003\"}");
        desk.client().sendRaw("{\"message\":\"RequestAgentReady\",\"ThisDN\":\"6003\",\"AgentWorkMode\":\"AutoIn\"}");
        await().atMost(WAIT).until(() -> agentsOf(backup).size() == 3 && agentsOf(backup).get(2).contains("READY"));

        assertThat(t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6003\"}").status()).isEqualTo(200);
        String connId = until(desk, EVENT_RINGING).string(Attribute.CONN_ID).orElseThrow();
        desk.client().sendRaw("{\"message\":\"RequestAnswerCall\",\"ThisDN\":\"6003\",\"ConnID\":\"" + connId + "\"}");
        until(desk, EVENT_ESTABLISHED);
        desk.client().sendRaw("{\"message\":\"RequestReleaseCall\",\"ThisDN\":\"6003\",\"ConnID\":\"" + connId + "\"}");
        Message wrapUp = until(desk, EVENT_AGENT_NOT_READY);
        assertThat(wrapUp.string(Attribute.AGENT_WORK_MODE)).contains("AfterCallWork");
        assertThat(desk.events().next(WAIT).type()).as("right after the wrap-up").isEqualTo(EVENT_RELEASED);
        List<String> before = agentsOf(primary);
        await().atMost(WAIT).until(() -> agentsOf(backup).equals(before));

        Agent late = registered(t.agentOn(backup, "wallboard"));
        late.client().registerAddress("6002").join();
        Message snapshot = expect(late.events().next(WAIT), EVENT_REGISTERED, "6002");
        assertThat(snapshot.extensions().entries()).as("the backup's snapshot").containsEntry("AGENT_ID", "1002").containsEntry("AGENT_STATE", "NotReady");
        assertThat(snapshot.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("ReasonCode", "Coffee"));
        deskOnBackup.events().drain(QUIET);

        primary.close();
        await().atMost(WAIT).until(() -> backup.core().ha().status().role() == HaRole.PRIMARY);
        assertThat(agentsOf(backup)).containsExactlyElementsOf(before);
        List<Message> seen = new java.util.ArrayList<>();
        Message ready = null;
        while (ready == null) {
            Message event = deskOnBackup.events().next(WAIT);
            seen.add(event);
            ready = event.type() == EVENT_AGENT_READY ? event : null;
        }
        assertThat(seen).extracting(Message::name).as("from the kill to the end of the wrap-up").doesNotContain("EventAgentLogout", "EventAgentLogin");
        assertThat(ready.thisDn()).as("the wrap-up ends on the new primary").isEqualTo("6003");
        assertThat(ready.string(Attribute.AGENT_WORK_MODE)).contains("AutoIn");
        assertThat(deskOnBackup.events().drain(QUIET)).extracting(Message::name)
                .doesNotContain("EventAgentLogout", "EventAgentLogin");
        deskOnBackup.client().sendRaw("{\"message\":\"RequestAgentNotReady\",\"ThisDN\":\"6001\",\"Reasons\":{\"ReasonCode\":\"Lunch\"}}");
        assertThat(until(deskOnBackup, EVENT_AGENT_NOT_READY).string(Attribute.AGENT_ID)).contains("1001");
    }
}
