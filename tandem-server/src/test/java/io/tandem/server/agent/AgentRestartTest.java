package io.tandem.server.agent;

import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.config.AgentSettings;
import io.tandem.server.config.TServerConfig;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.TandemClient;
import io.tandem.ucm.control.SwitchControlApi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A restarted standalone server gives the agents back when clients do not take their agents along. */
class AgentRestartTest {

    private TandemHarness t;
    private TServer restarted;

    @AfterEach
    void stop() {
        if (restarted != null) {
            restarted.close();
        }
        t.close();
    }

    private TServer restartOn(TServerConfig config) {
        t.server().close();
        restarted = TandemHarness.startServer(config, t.database(), t.sw(), SwitchControlApi.routes(t.sw()));
        return restarted;
    }

    private static Message snapshotOf(TServer server, String dn) {
        EventCollector events = new EventCollector();
        TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "wallboard"));
        client.addListener(events);
        org.awaitility.Awaitility.await().atMost(WAIT).until(client::isLinkConnected);
        Message registered = client.registerAddress(dn).join();
        client.close();
        return registered;
    }

    @Test
    void agentsComeBackAfterARestartWhenTheyStayWithoutTheirClient() {
        AgentSettings staying = new AgentSettings(List.of(), AgentSettings.StrictId.OFF, false, false, Duration.ZERO, Duration.ZERO, false);
        TServerConfig[] config = new TServerConfig[1];
        t = TandemHarness.start(c -> config[0] = c.withAgents(staying));
        Agent desk = t.agent("desk");
        desk.client().registerAddress("6001").join();
        expect(desk.events().next(WAIT), EVENT_REGISTERED, "6001");
        desk.client().agentLogin("6001", "1001").join();
        desk.client().agentNotReady("6001", "Training").join();

        Message registered = snapshotOf(restartOn(config[0]), "6001");
        assertThat(registered.extensions().entries()).containsEntry("AGENT_ID", "1001").containsEntry("AGENT_STATE", "NotReady");
        assertThat(registered.kvList(Attribute.REASONS)).isEqualTo(KeyValueList.ofStrings("ReasonCode", "Training"));
    }

    @Test
    void agentsAreNotRestoredWhenTheyLeaveWithTheirClient() {
        TServerConfig[] config = new TServerConfig[1];
        t = TandemHarness.start(c -> config[0] = c);
        Agent desk = t.agent("desk");
        desk.client().registerAddress("6001").join();
        expect(desk.events().next(WAIT), EVENT_REGISTERED, "6001");
        desk.client().agentLogin("6001", "1001").join();

        Message registered = snapshotOf(restartOn(config[0]), "6001");
        assertThat(registered.extensions().containsKey("AGENT_ID")).isFalse();
    }
}
