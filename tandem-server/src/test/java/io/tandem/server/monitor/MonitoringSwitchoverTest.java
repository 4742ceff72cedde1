package io.tandem.server.monitor;

import static io.tandem.protocol.MessageType.EVENT_MONITORING_CANCELLED;
import static io.tandem.protocol.MessageType.EVENT_MONITORING_NEXT_CALL;
import static io.tandem.protocol.MessageType.EVENT_PRIVATE_INFO;
import static io.tandem.protocol.MessageType.EVENT_RELEASED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.REQUEST_ANSWER_CALL;
import static io.tandem.protocol.MessageType.REQUEST_CANCEL_MONITORING;
import static io.tandem.protocol.MessageType.REQUEST_MONITOR_NEXT_CALL;
import static io.tandem.protocol.MessageType.REQUEST_SET_MUTE_OFF;
import static io.tandem.server.Events.expect;
import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.ha.HaRole;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A monitoring running when the primary dies is known on the new primary, which changes its mode and cancels it. */
class MonitoringSwitchoverTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;

    @AfterEach
    void stop() {
        t.close();
    }

    private static Agent registered(Agent agent, String dn) {
        agent.client().registerAddress(dn).join();
        agent.events().next(WAIT);
        return agent;
    }

    @Test
    void aMonitoringGoesOnAfterTheSwitchoverAndIsCancelledOnTheNewPrimary() {
        t = TandemHarness.startPrimary(INTERVAL, TIMEOUT);
        TServer primary = t.server();
        TServer backup = t.startBackup(INTERVAL, TIMEOUT);
        Agent agent = registered(t.agentOn(primary, "agent"), "6001");
        Agent supervisor = registered(t.agentOn(primary, "supervisor"), "6004");
        Agent supervisorOnBackup = registered(t.agentOn(backup, "supervisor"), "6004");

        t.post("/api/switch/calls", "{\"from\":\"0698765432\",\"to\":\"6001\"}");
        String c = connId(agent.events().skipTo(EVENT_RINGING, WAIT));
        agent.client().request(request(REQUEST_ANSWER_CALL, "6001", Attribute.CONN_ID, c)).join();
        supervisor.client().send(request(REQUEST_MONITOR_NEXT_CALL, "6004", Attribute.OTHER_DN, "6001").with(Attribute.REFERENCE_ID, 3L));
        supervisor.events().skipTo(EVENT_MONITORING_NEXT_CALL, WAIT);
        await().atMost(WAIT).until(() -> backup.core().ha().status().replicated().getOrDefault("monitorings", 0) == 1);

        primary.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> backup.core().ha().status().role() == HaRole.PRIMARY);
        supervisorOnBackup.events().drain(Duration.ofMillis(300));
        assertThat(expect(supervisorOnBackup.answer(request(REQUEST_SET_MUTE_OFF, "6004")), EVENT_PRIVATE_INFO, "6004").extensions()
                .getString("MonitorMode")).contains("coach");
        supervisorOnBackup.client().send(request(REQUEST_CANCEL_MONITORING, "6004", Attribute.OTHER_DN, "6001").with(Attribute.REFERENCE_ID, 9L));
        expect(supervisorOnBackup.events().next(WAIT), EVENT_RELEASED, "6004");
        expect(supervisorOnBackup.events().next(WAIT), EVENT_MONITORING_CANCELLED, "6004");
        assertThat(t.getFrom(backup, "/api/switch/monitorings").body()).isEmpty();
    }
}
