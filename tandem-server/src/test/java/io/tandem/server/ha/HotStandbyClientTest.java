package io.tandem.server.ha;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_DN_OUT_OF_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_PRIMARY_CHANGED;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.expect;
import static io.tandem.server.Events.ext;
import static io.tandem.server.Events.extensionsAre;
import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.client.ClientOptions;
import io.tandem.client.EventCollector;
import io.tandem.client.HotStandbyClient;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client library's hot standby ({@link HotStandbyClient}) against a real pair on one embedded switch:
 * one stream of events, requests to the primary, the switchover seen only as EventDNOutOfService then
 * EventDNBackInService per terminal and one EventPrimaryChanged.
 */
class HotStandbyClientTest {

    private static final Duration QUIET = Duration.ofMillis(400);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;
    private TServer primary;
    private TServer backup;
    private final List<HotStandbyClient> desks = new ArrayList<>();

    @BeforeEach
    void start() {
        t = TandemHarness.startPrimary(INTERVAL, TIMEOUT);
        primary = t.server();
        backup = t.startBackup(INTERVAL, TIMEOUT);
        await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.IN_SYNC);
    }

    @AfterEach
    void stop() {
        desks.forEach(HotStandbyClient::close);
        t.close();
    }

    private record Desk(HotStandbyClient client, EventCollector events) {
    }

    private Desk desk(String identity, TServer... servers) {
        List<ClientOptions> options = new ArrayList<>();
        for (TServer server : servers) {
            options.add(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "desktop").withClientIdentity(identity));
        }
        HotStandbyClient client = HotStandbyClient.connect(options, Duration.ofMillis(100), null);
        desks.add(client);
        EventCollector events = new EventCollector();
        client.addListener(events);
        return new Desk(client, events);
    }

    private static void extend(Desk desk, String dn, String dest, String name) {
        Message answer = desk.client().registerAddress(dn, ext("REMOTE_DEST", dest, "REMOTE_NAME", name)).join();
        assertThat(answer.type()).isEqualTo(EVENT_REGISTERED);
        expect(desk.events().next(WAIT), EVENT_REGISTERED, dn);
        extensionsAre(expect(desk.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, dn), "REMOTE_DEST", dest, "REMOTE_NAME", name);
    }

    /** Every event the desk gets until it has been quiet, after at least {@code backInService} EventDNBackInService. */
    private static List<Message> untilQuiet(Desk desk, int backInService) {
        List<Message> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            events.addAll(desk.events().drain(Duration.ofMillis(50)));
            return events.stream().filter(e -> e.type() == EVENT_DN_BACK_IN_SERVICE).count() >= backInService;
        });
        events.addAll(desk.events().drain(QUIET));
        return events;
    }

    /** Checks the switchover as the application sees it: per DN out then back in, and one EventPrimaryChanged. */
    private static void sawSwitchover(List<Message> events, String newPrimary, Map<String, String[]> terminals) {
        assertThat(events).filteredOn(e -> e.type() == EVENT_PRIMARY_CHANGED).hasSize(1).first().satisfies(e -> {
            assertThat(e.string(Attribute.SERVER)).contains(newPrimary);
            assertThat(e.string(Attribute.SERVER_ROLE)).contains("primary");
        });
        Map<String, List<Message>> byDn = new LinkedHashMap<>();
        events.stream().filter(e -> e.type() != EVENT_PRIMARY_CHANGED)
                .forEach(e -> byDn.computeIfAbsent(e.thisDn(), k -> new ArrayList<>()).add(e));
        assertThat(byDn).containsOnlyKeys(terminals.keySet());
        terminals.forEach((dn, destAndName) -> {
            List<Message> seen = byDn.get(dn);
            assertThat(seen).extracting(Message::type).as("events on " + dn).containsExactly(EVENT_DN_OUT_OF_SERVICE, EVENT_DN_BACK_IN_SERVICE);
            extensionsAre(seen.get(0), "OOS_REASON", "NotExtended");
            extensionsAre(seen.get(1), "REMOTE_DEST", destAndName[0], "REMOTE_NAME", destAndName[1]);
        });
    }

    private static String metrics(TServer server) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private String activeDestination(TServer api, String device) {
        JsonNode rds = t.getFrom(api, "/api/switch/devices/" + device).body().get("remoteDestinations");
        for (JsonNode rd : rds) {
            if (rd.get("active").asBoolean()) {
                return rd.get("number").asText();
            }
        }
        return null;
    }

    @Test
    void registrationsGoToBothServersAndTheApplicationSeesEachEventOnce() throws Exception {
        Desk a = desk("desk-a", primary, backup);
        assertThat(a.client().primaryServer()).contains("test-primary");
        await().atMost(WAIT).until(() -> a.client().connectedServers() == 2);

        extend(a, "7001", "0655500001", "A one");

        assertThat(a.events().drain(QUIET)).as("the backup's copies are not passed on").isEmpty();
        await().atMost(WAIT).until(() -> backup.core().registrants("7001").size() == 1);
        assertThat(primary.core().registrants("7001")).hasSize(1);
        assertThat(activeDestination(primary, "CTIRDalice")).isEqualTo("0655500001");

        assertThat(metrics(backup)).contains("tandem_ha_primary 0.0", "tandem_ha_backups_following 0.0");
        assertThat(metrics(primary)).contains("tandem_ha_primary 1.0", "tandem_ha_backups_following 1.0");

        a.client().unregisterAddress("7001").join();
        assertThat(a.events().drain(QUIET)).extracting(Message::type).containsExactly(MessageType.EVENT_UNREGISTERED);
        await().atMost(WAIT).until(() -> backup.core().registrants("7001").isEmpty());
    }

    @Test
    void whenThePrimaryDiesTheApplicationSeesOutOfServiceThenBackInServiceAndOnePrimaryChanged() {
        Desk a = desk("desk-a", primary, backup);
        Desk b = desk("desk-b", primary, backup);
        extend(a, "7001", "0655500001", "A one");
        extend(a, "7002", "0655500002", "A two");
        extend(b, "7004", "0644444441", "B four");
        await().atMost(WAIT).until(() -> backup.core().ha().status().terminals() == 3
                && backup.core().registrants("7004").size() == 1);

        primary.close();

        sawSwitchover(untilQuiet(a, 2), "test-backup", Map.of("7001", new String[] {"0655500001", "A one"},
                "7002", new String[] {"0655500002", "A two"}));
        sawSwitchover(untilQuiet(b, 1), "test-backup", Map.of("7004", new String[] {"0644444441", "B four"}));
        assertThat(a.client().primaryServer()).contains("test-backup");
        assertThat(activeDestination(backup, "CTIRDalice")).isEqualTo("0655500001");

        Message held = a.client().request(Message.builder(MessageType.REQUEST_QUERY_ADDRESS).put(Attribute.THIS_DN, "7002").build()).join();
        assertThat(held.type()).as("requests go to the new primary").isNotEqualTo(MessageType.EVENT_ERROR);
        a.events().drain(QUIET);

        b.client().close();
        await().atMost(WAIT).until(() -> activeDestination(backup, "CTIRDdave") == null);
        assertThat(activeDestination(backup, "CTIRDalice")).isEqualTo("0655500001");
        assertThat(activeDestination(backup, "CTIRDbob")).isEqualTo("0655500002");
        assertThat(a.events().drain(QUIET)).as("desk a is not disturbed by desk b leaving").isEmpty();
    }

    @Test
    void itReconnectsToTheRestartedOldPrimaryAndFollowsAnOperatorSwitchoverBack() {
        int firstCtiPort = primary.ctiPort();
        int firstSyncPort = primary.syncPort();
        Desk a = desk("desk-a", primary, backup);
        extend(a, "7002", "0655500002", "A two");
        await().atMost(WAIT).until(() -> backup.core().ha().status().terminals() == 1
                && backup.core().registrants("7002").size() == 1);
        primary.close();
        sawSwitchover(untilQuiet(a, 1), "test-backup", Map.of("7002", new String[] {"0655500002", "A two"}));

        TServer restarted = t.startPeer(HaSettings.pair(HaRole.PRIMARY, firstSyncPort, "127.0.0.1", backup.syncPort())
                .withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET), firstCtiPort);
        await().atMost(WAIT).until(() -> restarted.core().ha().status().state() == SyncState.IN_SYNC
                && restarted.core().registrants("7002").size() == 1);
        assertThat(a.client().connectedServers()).isEqualTo(2);
        assertThat(a.client().primaryServer()).contains("test-backup");
        assertThat(a.events().drain(QUIET)).as("reconnecting and registering again is not the application's business").isEmpty();

        assertThat(t.postTo(backup, "/api/ha/switchover").status()).isEqualTo(200);

        sawSwitchover(untilQuiet(a, 1), "test-primary", Map.of("7002", new String[] {"0655500002", "A two"}));
        assertThat(a.client().primaryServer()).contains("test-primary");
        assertThat(activeDestination(backup, "CTIRDbob")).isEqualTo("0655500002");

        a.client().close();
        await().atMost(WAIT).until(() -> activeDestination(backup, "CTIRDbob") == null);
    }

    @Test
    void aCallUpAtTheSwitchoverKeepsItsConnIdAndUserDataOnTheNewPrimary() {
        Desk a = desk("desk-a", primary, backup);
        a.client().registerAddress("6001").join();
        a.client().registerAddress("6002").join();
        a.events().drain(QUIET);
        Message dialing = a.client().request(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.THIS_DN, "6001")
                .put(Attribute.OTHER_DN, "6002").build()).join();
        String connId = dialing.string(Attribute.CONN_ID).orElseThrow();
        a.client().request(Message.builder(MessageType.REQUEST_ANSWER_CALL).put(Attribute.THIS_DN, "6002")
                .put(Attribute.CONN_ID, connId).build()).join();
        a.client().request(Message.builder(MessageType.REQUEST_ATTACH_USER_DATA).put(Attribute.THIS_DN, "6001")
                .put(Attribute.CONN_ID, connId).put(Attribute.USER_DATA, ext("case", "42", "segment", "gold")).build()).join();
        TandemHarness.Agent observer = t.agentOn(backup, "observer");
        observer.client().registerAddress("6001").join();
        await().atMost(WAIT).untilAsserted(() -> {
            Message info = observer.client().request(Message.builder(MessageType.REQUEST_QUERY_CALL).put(Attribute.THIS_DN, "6001")
                    .put(Attribute.CONN_ID, connId).build()).join();
            assertThat(info.kvList(Attribute.USER_DATA).entries()).as("the backup knows the call by the primary's ConnID")
                    .containsEntry("case", "42").containsEntry("segment", "gold");
        });
        a.events().drain(QUIET);

        primary.close();
        await().atMost(WAIT).until(() -> a.client().primaryServer().equals(java.util.Optional.of("test-backup")));
        assertThat(a.events().drain(QUIET)).extracting(Message::type).containsExactly(EVENT_PRIMARY_CHANGED);

        a.client().request(Message.builder(MessageType.REQUEST_UPDATE_USER_DATA).put(Attribute.THIS_DN, "6002")
                .put(Attribute.CONN_ID, connId).put(Attribute.USER_DATA, ext("segment", "platinum")).build()).join();
        List<Message> changed = List.of(a.events().next(MessageType.EVENT_ATTACHED_DATA_CHANGED, WAIT),
                a.events().next(MessageType.EVENT_ATTACHED_DATA_CHANGED, WAIT));
        assertThat(changed).extracting(Message::thisDn).containsExactlyInAnyOrder("6001", "6002");
        assertThat(changed).allSatisfy(e -> {
            assertThat(e.string(Attribute.CONN_ID)).contains(connId);
            assertThat(e.kvList(Attribute.USER_DATA).entries()).containsEntry("case", "42").containsEntry("segment", "platinum");
        });
        a.client().request(Message.builder(MessageType.REQUEST_RELEASE_CALL).put(Attribute.THIS_DN, "6001")
                .put(Attribute.CONN_ID, connId).build()).join();
        List<Message> released = List.of(a.events().next(MessageType.EVENT_RELEASED, WAIT), a.events().next(MessageType.EVENT_RELEASED, WAIT));
        assertThat(released).extracting(Message::thisDn).containsExactlyInAnyOrder("6001", "6002");
        assertThat(released).allSatisfy(e -> {
            assertThat(e.string(Attribute.CONN_ID)).contains(connId);
            assertThat(e.kvList(Attribute.USER_DATA).entries()).containsEntry("case", "42");
        });
    }

    @Test
    void connectingFailsWithTheServersNamedWhenNoneCanBeReached() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<ClientOptions> nowhere = List.of(ClientOptions.tcp("127.0.0.1", closedPort, "desktop"));
        assertThatThrownBy(() -> HotStandbyClient.connect(nowhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no server of [tcp://127.0.0.1:" + closedPort + "] could be reached");
    }
}
