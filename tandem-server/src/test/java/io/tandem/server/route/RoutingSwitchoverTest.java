package io.tandem.server.route;

import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.protocol.MessageType.EVENT_RINGING;
import static io.tandem.protocol.MessageType.EVENT_ROUTE_REQUEST;
import static io.tandem.protocol.MessageType.EVENT_ROUTE_USED;
import static io.tandem.protocol.MessageType.REQUEST_ROUTE_CALL;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.referenceIs;
import static io.tandem.server.TandemHarness.WAIT;
import static io.tandem.server.call.CallAsserts.call;
import static io.tandem.server.call.CallAsserts.connId;
import static io.tandem.server.call.CallAsserts.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import io.tandem.server.ha.HaRole;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call waiting at a route point when the primary dies: the switch offers it again to the new primary's route callback,
 * its routers are asked again with the same ConnID, and the call is routed once.
 */
class RoutingSwitchoverTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final String CALLER = "0698765432";

    private TandemHarness t;

    @AfterEach
    void stop() {
        t.close();
    }

    private static Agent registered(Agent agent, String dn) {
        agent.client().registerAddress(dn).join();
        expect(agent.events().next(WAIT), EVENT_REGISTERED, dn);
        return agent;
    }

    @Test
    void aCallWaitingAtTheRoutePointIsOfferedAgainToTheNewPrimarysRoutersAndRoutedOnce() {
        t = TandemHarness.startPrimary(INTERVAL, TIMEOUT);
        TServer primary = t.server();
        TServer backup = t.startBackup(INTERVAL, TIMEOUT);
        Agent routerOnPrimary = registered(t.agentOn(primary, "router"), "5000");
        Agent routerOnBackup = registered(t.agentOn(backup, "router"), "5000");
        Agent agent = registered(t.agentOn(backup, "agent"), "6001");
        await().atMost(WAIT).until(() -> t.getFrom(backup, "/api/switch/route-points").body().get(0).get("routeCallback").isTextual());

        t.post("/api/switch/calls", "{\"from\":\"" + CALLER + "\",\"to\":\"5000\"}");
        String c = connId(call(routerOnPrimary.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", null, CALLER, "Inbound"));
        call(routerOnBackup.events().next(WAIT), EVENT_ROUTE_REQUEST, "5000", null, CALLER, "Inbound"); // the backup's mirror
        await().atMost(WAIT).until(() -> backup.core().ha().status().replicated().getOrDefault("calls", 0) == 1);

        primary.close();
        Message again = routerOnBackup.events().skipTo(EVENT_ROUTE_REQUEST, Duration.ofSeconds(10));
        call(again, EVENT_ROUTE_REQUEST, "5000", c, CALLER, "Inbound");
        assertThat(backup.core().ha().status().role()).isEqualTo(HaRole.PRIMARY);

        routerOnBackup.client().send(request(REQUEST_ROUTE_CALL, "5000", Attribute.CONN_ID, c, Attribute.OTHER_DN, "6001")
                .with(Attribute.REFERENCE_ID, 9L));
        Message used = routerOnBackup.events().skipTo(EVENT_ROUTE_USED, WAIT);
        referenceIs(call(used, EVENT_ROUTE_USED, "5000", c, "6001", "Inbound"), 9L);
        call(agent.events().skipTo(EVENT_RINGING, WAIT), EVENT_RINGING, "6001", c, CALLER, "Inbound");
        assertThat(routerOnBackup.events().drain(Duration.ofMillis(300))).extracting(Message::type)
                .as("routed once").doesNotContain(EVENT_ROUTE_USED, MessageType.EVENT_ROUTE_REQUEST);
    }
}
