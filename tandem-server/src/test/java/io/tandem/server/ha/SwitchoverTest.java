package io.tandem.server.ha;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Switchover between two CTI servers on one embedded switch: the primary dies (its links close as a
 * killed process's do) or the operator commands it; the backup takes over with the same remote
 * destinations, names and controllers.
 */
class SwitchoverTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;

    @BeforeEach
    void start() {
        t = TandemHarness.start(HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET));
        await().atMost(WAIT).until(() -> t.server().core().ha().status().holdsPrimaryRole());
        api = t.server();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private TServer startPeer(HaRole role, int peerSyncPort) {
        return startPeer(role, 0, peerSyncPort);
    }

    private TServer startPeer(HaRole role, int syncPort, int peerSyncPort) {
        // one terminal per core task: the takeover interleaves with everything else, as thousands of terminals do
        return t.startPeer(HaSettings.pair(role, syncPort, "127.0.0.1", peerSyncPort).withHeartbeat(INTERVAL, TIMEOUT)
                .withSecret(TandemHarness.SYNC_SECRET).withTakeoverChunk(1));
    }

    /** A desk connected to both servers, as a hot-standby client is: the same identity, the same registrations. */
    private record Desk(Agent onPrimary, Agent onBackup) {
    }

    private Desk desk(String identity, TServer primary, TServer backup) {
        return new Desk(t.agentOn(primary, identity), t.agentOn(backup, identity));
    }

    private static void extend(Desk desk, String dn, String dest, String name) {
        desk.onPrimary().client().registerAddress(dn, ext("REMOTE_DEST", dest, "REMOTE_NAME", name)).join();
        expect(desk.onPrimary().events().next(WAIT), EVENT_REGISTERED, dn);
        extensionsAre(expect(desk.onPrimary().events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, dn), "REMOTE_DEST", dest, "REMOTE_NAME", name);
        desk.onBackup().client().registerAddress(dn, ext("REMOTE_DEST", dest, "REMOTE_NAME", name)).join();
        expect(desk.onBackup().events().next(WAIT), EVENT_REGISTERED, dn);
    }

    /** Every event {@code agent} receives until it has been quiet, grouped by DN. */
    private static Map<String, List<Message>> byDn(Agent agent, int expected, String newRole) {
        List<Message> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            events.addAll(agent.events().drain(Duration.ofMillis(50)));
            return events.stream().filter(e -> e.type() == EVENT_DN_BACK_IN_SERVICE).count() >= expected / 2;
        });
        events.addAll(agent.events().drain(QUIET));
        Map<String, List<Message>> map = new LinkedHashMap<>();
        events.stream().filter(e -> e.type() == EVENT_DN_OUT_OF_SERVICE || e.type() == EVENT_DN_BACK_IN_SERVICE)
                .forEach(e -> map.computeIfAbsent(e.thisDn(), k -> new ArrayList<>()).add(e));
        assertThat(events).filteredOn(e -> e.type() != EVENT_DN_OUT_OF_SERVICE && e.type() != EVENT_DN_BACK_IN_SERVICE)
                .as("besides service events, only the role change").extracting(Message::type).containsExactly(MessageType.EVENT_PRIMARY_CHANGED);
        assertThat(events).filteredOn(e -> e.type() == MessageType.EVENT_PRIMARY_CHANGED).first()
                .satisfies(e -> assertThat(e.string(Attribute.SERVER_ROLE)).contains(newRole));
        return map;
    }

    private static void outThenBackIn(List<Message> events, String dn, String dest, String name) {
        assertThat(events).extracting(Message::type).as("events on " + dn).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
        extensionsAre(events.get(1), "REMOTE_DEST", dest, "REMOTE_NAME", name);
    }

    private TServer api;

    private JsonNode device(String name) {
        return t.getFrom(api, "/api/switch/devices/" + name).body();
    }

    private String activeDestination(String device) {
        for (JsonNode rd : device(device).get("remoteDestinations")) {
            if (rd.get("active").asBoolean()) {
                return rd.get("number").asText();
            }
        }
        return null;
    }

    private List<String> destinations(String device) {
        List<String> numbers = new ArrayList<>();
        device(device).get("remoteDestinations").forEach(rd -> numbers.add(rd.get("number").asText()));
        return numbers;
    }

    @Test
    void backupTakesOverWhenThePrimaryDiesKeepingDestinationsNamesAndControllers() {
        TServer primary = t.server();
        TServer backup = startPeer(HaRole.BACKUP, primary.syncPort());
        api = backup;
        Desk a = desk("desk-a", primary, backup);
        Desk b = desk("desk-b", primary, backup);
        extend(a, "7001", "0655500001", "A one");
        extend(a, "7002", "0655500002", "A two");
        extend(b, "7004", "0644444441", "B four");
        await().atMost(WAIT).until(() -> backup.core().ha().status().terminals() == 3);
        List<String> added = List.of("CTIRDalice 0655500001", "CTIRDbob 0655500002"); // dave's destination is configured
        await().atMost(WAIT).untilAsserted(() -> assertThat(t.recordedAddedDestinations(backup))
                .as("the backup records the destinations the primary added as it mirrors them").isEqualTo(added));
        assertThat(t.recordedAddedDestinations(primary)).isEqualTo(added);
        a.onBackup().events().drain(QUIET);
        b.onBackup().events().drain(QUIET);

        primary.close();

        Map<String, List<Message>> aEvents = byDn(a.onBackup(), 4, "primary");
        assertThat(aEvents).containsOnlyKeys("7001", "7002");
        outThenBackIn(aEvents.get("7001"), "7001", "0655500001", "A one");
        outThenBackIn(aEvents.get("7002"), "7002", "0655500002", "A two");
        Map<String, List<Message>> bEvents = byDn(b.onBackup(), 2, "primary");
        assertThat(bEvents).containsOnlyKeys("7004");
        outThenBackIn(bEvents.get("7004"), "7004", "0644444441", "B four");
        assertThat(activeDestination("CTIRDalice")).isEqualTo("0655500001");
        assertThat(activeDestination("CTIRDbob")).isEqualTo("0655500002");
        assertThat(activeDestination("CTIRDdave")).isEqualTo("0644444441");

        SyncLinkStatus status = backup.core().ha().status();
        assertThat(status.role()).isEqualTo(HaRole.PRIMARY);
        assertThat(status.holdsPrimaryRole()).isTrue();
        assertThat(status.switchovers()).isEqualTo(1);
        assertThat(status.lastSwitchoverMillis()).isNotNegative();
        assertThat(t.getFrom(backup, "/api/health").body().get("role").asText()).isEqualTo("primary");

        b.onBackup().client().close();
        await().atMost(WAIT).until(() -> activeDestination("CTIRDdave") == null);
        a.onBackup().client().unregisterAddress("7001").join();
        await().atMost(WAIT).until(() -> activeDestination("CTIRDalice") == null);
        assertThat(destinations("CTIRDalice")).as("the destination the old primary added is removed again").containsExactly("0611111111");
        await().atMost(WAIT).untilAsserted(() -> assertThat(t.recordedAddedDestinations(backup)).isEqualTo(List.of("CTIRDbob 0655500002")));
        assertThat(activeDestination("CTIRDbob")).isEqualTo("0655500002");
        assertThat(a.onBackup().events().drain(QUIET)).extracting(Message::type).containsExactly(MessageType.EVENT_UNREGISTERED);
    }

    @Test
    void theOldPrimaryRejoinsAsBackupAndAnOperatorSwitchoverMakesItPrimaryAgain() {
        TServer first = t.server();
        int firstSyncPort = first.syncPort();
        TServer second = startPeer(HaRole.BACKUP, firstSyncPort);
        api = second;
        Desk a = desk("desk-a", first, second);
        extend(a, "7002", "0655500002", "A two");
        await().atMost(WAIT).until(() -> second.core().ha().status().terminals() == 1);
        first.close();
        await().atMost(WAIT).until(() -> second.core().ha().status().switchovers() == 1);

        TServer restarted = startPeer(HaRole.PRIMARY, firstSyncPort, second.syncPort());
        await().atMost(WAIT).until(() -> restarted.core().ha().status().role() == HaRole.BACKUP
                && restarted.core().ha().status().state() == SyncState.IN_SYNC);
        assertThat(restarted.core().ha().status().lastProblem()).isNull();
        assertThat(restarted.core().ha().status().holdsPrimaryRole()).isFalse();
        Agent again = t.agentOn(restarted, "desk-a");
        again.client().registerAddress("7002", ext("REMOTE_DEST", "0655500002", "REMOTE_NAME", "A two")).join();
        extensionsAre(expect(again.events().next(WAIT), EVENT_REGISTERED, "7002"), "SERVICE_STATE", "InService", "REMOTE_DEST", "0655500002",
                "REMOTE_NAME", "A two");
        await().atMost(WAIT).until(() -> restarted.core().terminalControl().mirror().size() == 1);
        a.onBackup().events().drain(QUIET);

        TandemHarness.HttpResult refused = t.postTo(restarted, "/api/ha/switchover");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("error").asText()).isEqualTo("this server is not the primary of a pair");
        TandemHarness.HttpResult ok = t.postTo(second, "/api/ha/switchover");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("result").asText()).isEqualTo("switchover started: test-backup is now the backup");

        Map<String, List<Message>> onRestarted = byDn(again, 2, "primary");
        outThenBackIn(onRestarted.get("7002"), "7002", "0655500002", "A two");
        Map<String, List<Message>> onSecond = byDn(a.onBackup(), 2, "backup");
        assertThat(onSecond.get("7002")).extracting(Message::type).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
        await().atMost(WAIT).until(() -> second.core().ha().status().state() == SyncState.IN_SYNC);
        assertThat(restarted.core().ha().status().role()).isEqualTo(HaRole.PRIMARY);
        assertThat(second.core().ha().status().role()).isEqualTo(HaRole.BACKUP);
        assertThat(activeDestination("CTIRDbob")).isEqualTo("0655500002");

        again.client().close();
        await().atMost(WAIT).until(() -> activeDestination("CTIRDbob") == null);
    }

    @Test
    void aBackupThatLosesOnlyTheSyncLinkDoesNotTakeOver() throws Exception {
        try (FakePeer primary = FakePeer.listening()) {
            TServer backup = startPeer(HaRole.BACKUP, primary.port());
            primary.accept();
            assertThat(primary.challenge()).contains("backupReady");
            primary.primaryHello("fake", TandemHarness.SYNC_SECRET);
            primary.send("{\"type\":\"fullSyncDone\",\"count\":0,\"sequence\":0}");
            await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.IN_SYNC);
            primary.close();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> backup.core().ha().status().role() == HaRole.BACKUP);
            assertThat(backup.core().ha().status().state()).isIn(SyncState.PEER_LOST, SyncState.CONNECTING);
        }
        Agent a = t.agent("desk-a");
        a.client().registerAddress("7002", ext("REMOTE_DEST", "0655500002", "REMOTE_NAME", "A two")).join();
        expect(a.events().next(WAIT), EVENT_REGISTERED, "7002");
        expect(a.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002");
        assertThat(activeDestination("CTIRDbob")).as("the primary still acts on the switch").isEqualTo("0655500002");
    }
}
