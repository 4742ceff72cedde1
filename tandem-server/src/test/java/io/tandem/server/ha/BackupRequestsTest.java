package io.tandem.server.ha;

import static io.tandem.protocol.MessageType.EVENT_ACK;
import static io.tandem.protocol.MessageType.EVENT_ERROR;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED_ALL;
import static io.tandem.protocol.MessageType.EVENT_SERVER_INFO;
import static io.tandem.protocol.MessageType.EVENT_SWITCH_INFO;
import static io.tandem.protocol.MessageType.EVENT_USER_EVENT;
import static io.tandem.server.Events.error;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a backup answers itself (queries, user events, register-all, input masks) and what it sends to the primary (506). */
class BackupRequestsTest {

    private TandemHarness t;
    private TServer backup;

    @BeforeEach
    void start() {
        HaSettings pair = HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000))
                .withSecret(TandemHarness.SYNC_SECRET);
        t = TandemHarness.start(pair);
        await().atMost(WAIT).until(() -> t.server().core().ha().status().holdsPrimaryRole());
        backup = t.startPeer(HaSettings.pair(HaRole.BACKUP, 0, "127.0.0.1", t.server().syncPort())
                .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000)).withSecret(TandemHarness.SYNC_SECRET));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static Message answer(Agent agent, String json) {
        agent.client().sendRaw(json);
        return agent.events().next(WAIT);
    }

    @Test
    void theBackupAnswersQueriesAndUserEventsAndSendsChangesToThePrimary() {
        Agent desk = t.agentOn(backup, "desk");
        desk.client().registerAddress("6001").join();
        expect(desk.events().next(WAIT), EVENT_REGISTERED, "6001");

        Message info = answer(desk, "{\"message\":\"RequestQueryServer\",\"ReferenceID\":1}");
        assertThat(info.type()).isEqualTo(EVENT_SERVER_INFO);
        assertThat(info.string(Attribute.SERVER_ROLE)).contains("backup");
        assertThat(answer(desk, "{\"message\":\"RequestQuerySwitch\",\"ReferenceID\":2}").type()).isEqualTo(EVENT_SWITCH_INFO);
        expect(answer(desk, "{\"message\":\"RequestDistributeUserEvent\",\"ReferenceID\":3,\"ThisDN\":\"6001\",\"UserData\":{\"a\":\"b\"}}"),
                EVENT_USER_EVENT, "6001");
        assertThat(answer(desk, "{\"message\":\"RequestRegisterAll\",\"ReferenceID\":4}").type()).isEqualTo(EVENT_REGISTERED_ALL);
        assertThat(answer(desk, "{\"message\":\"RequestSetInputMask\",\"ReferenceID\":5,\"Extensions\":{\"EVENTS\":\"\"}}").type())
                .isEqualTo(EVENT_ACK);

        for (String request : new String[] {
            "\"RequestAgentLogin\",\"AgentID\":\"1001\"", "\"RequestRedirectCall\",\"ConnID\":\"c\",\"OtherDN\":\"6002\"",
            "\"RequestClearCall\",\"ConnID\":\"c\"", "\"RequestMuteTransfer\",\"ConnID\":\"c\",\"OtherDN\":\"6002\"",
            "\"RequestDeleteFromConference\",\"ConnID\":\"c\",\"OtherDN\":\"6002\"", "\"RequestDeletePair\",\"ConnID\":\"c\",\"Key\":\"k\"",
            "\"RequestSetDNDOn\"", "\"RequestSetDNDOff\"", "\"RequestCallForwardSet\",\"OtherDN\":\"6002\",\"ForwardMode\":\"Unconditional\"",
            "\"RequestCallForwardCancel\"", "\"RequestRouteCall\",\"ConnID\":\"c\",\"OtherDN\":\"6002\"",
            "\"RequestPrivateService\",\"ConnID\":\"c\",\"PrivateMsgID\":\"GSIP_RECORD_START\"",
            "\"RequestMonitorNextCall\",\"OtherDN\":\"6002\"", "\"RequestCancelMonitoring\",\"OtherDN\":\"6002\"",
            "\"RequestSetMuteOn\"", "\"RequestSetMuteOff\""}) {
            Message refused = error(answer(desk, "{\"message\":" + request + ",\"ReferenceID\":6,\"ThisDN\":\"6001\"}"), EVENT_ERROR, 506);
            assertThat(refused.string(Attribute.ERROR_MESSAGE).orElseThrow()).startsWith("this server is the backup; send Request");
        }
    }
}
