package io.tandem.server.ha;

import static io.tandem.protocol.MessageType.EVENT_DN_BACK_IN_SERVICE;
import static io.tandem.protocol.MessageType.EVENT_REGISTERED;
import static io.tandem.server.Events.error;
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
import io.tandem.server.extend.TerminalControl;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The primary-to-backup synchronization link between real servers on one embedded switch, and against hand-driven peers. */
class SyncLinkTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;

    @BeforeEach
    void start() {
        t = TandemHarness.start(HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private TServer startBackupOf(int primarySyncPort) {
        return t.startPeer(HaSettings.pair(HaRole.BACKUP, 0, "127.0.0.1", primarySyncPort).withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET));
    }

    private static void extend(Agent agent, String dn, String dest, String name) {
        agent.client().registerAddress(dn, ext("REMOTE_DEST", dest, "REMOTE_NAME", name)).join();
        expect(agent.events().next(WAIT), EVENT_REGISTERED, dn);
        extensionsAre(expect(agent.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, dn), "REMOTE_DEST", dest, "REMOTE_NAME", name);
    }

    private static List<TerminalControl> mirror(TServer server) {
        return server.core().onCoreThread(() -> server.core().terminalControl().mirror()).join();
    }

    private static long mirroredSequence(TServer server) {
        return server.core().onCoreThread(() -> server.core().ha().status().sequence()).join();
    }

    @Test
    void backupIsSynchronizedInFullThenFollowsEveryChange() {
        Agent a = t.agent("desk-a");
        extend(a, "7001", "0655500001", "A one");
        extend(a, "7002", "0655500002", "A two");

        TServer backup = startBackupOf(t.server().syncPort());
        await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.IN_SYNC);
        assertThat(mirror(backup)).containsExactlyInAnyOrder(
                new TerminalControl("7001", "0655500001", "A one", "desk-a", true),
                new TerminalControl("7002", "0655500002", "A two", "desk-a", true));
        assertThat(t.server().core().ha().status().backupsFollowing()).isEqualTo(1);
        assertThat(t.server().core().ha().status().state()).isEqualTo(SyncState.IN_SYNC);

        Agent b = t.agent("desk-b");
        extend(b, "7004", "0644444441", "B four");
        await().atMost(WAIT).until(() -> mirror(backup).contains(new TerminalControl("7004", "0644444441", "B four", "desk-b", false)));

        a.client().unregisterAddress("7001").join();
        await().atMost(WAIT).until(() -> mirror(backup).stream().noneMatch(c -> c.dn().equals("7001")));
        assertThat(mirror(backup)).containsExactlyInAnyOrder(
                new TerminalControl("7002", "0655500002", "A two", "desk-a", true),
                new TerminalControl("7004", "0644444441", "B four", "desk-b", false));
        assertThat(mirroredSequence(backup)).isEqualTo(t.server().core().ha().status().sequence());

        JsonNode health = t.getFrom(backup, "/api/health").body();
        assertThat(health.get("role").asText()).isEqualTo("backup");
        assertThat(health.at("/ha/syncState").asText()).isEqualTo("IN_SYNC");
        assertThat(health.at("/ha/controlledTerminals").asInt()).isEqualTo(2);
        assertThat(health.at("/ha/lastFullSyncAt").asLong()).isPositive();
        assertThat(t.get("/api/health").body().at("/ha/backupsFollowing").asInt()).isEqualTo(1);
    }

    @Test
    void aDisconnectedControllerIsReleasedOnTheBackupToo() {
        TServer backup = startBackupOf(t.server().syncPort());
        await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.IN_SYNC);
        Agent a = t.agent("desk-a");
        extend(a, "7002", "0655500002", "A two");
        await().atMost(WAIT).until(() -> mirror(backup).size() == 1);

        a.client().close();
        await().atMost(WAIT).until(() -> mirror(backup).isEmpty());
    }

    @Test
    void backupDoesNotActOnTheSwitchButReportsWhatThePrimaryDid() {
        TServer backup = startBackupOf(t.server().syncPort());
        Agent onBackup = t.agentOn(backup, "desk-a");
        onBackup.client().registerAddress("7002", ext("REMOTE_DEST", "0655500009", "REMOTE_NAME", "not here")).join();
        extensionsAre(expect(onBackup.events().next(WAIT), EVENT_REGISTERED, "7002"), "SERVICE_STATE", "OutOfService",
                "OOS_REASON", "NotExtended");
        assertThat(onBackup.events().drain(QUIET)).isEmpty();
        assertThat(t.device("CTIRDbob").get("remoteDestinations")).isEmpty();

        onBackup.client().registerAddress("6001").join();
        expect(onBackup.events().next(WAIT), EVENT_REGISTERED, "6001");
        onBackup.client().send(Message.builder(MessageType.REQUEST_MAKE_CALL).put(Attribute.REFERENCE_ID, 77L)
                .put(Attribute.THIS_DN, "6001").put(Attribute.OTHER_DN, "6002").build());
        Message refused = error(onBackup.events().next(WAIT), MessageType.EVENT_ERROR, 506);
        assertThat(refused.string(Attribute.ERROR_MESSAGE)).contains("this server is the backup; send RequestMakeCall to the primary");
        assertThat(refused.referenceId()).contains(77L);
        assertThat(t.sw().calls().join()).isEmpty();

        Agent onPrimary = t.agent("desk-a");
        extend(onPrimary, "7002", "0655500002", "Bob cell");
        extensionsAre(expect(onBackup.events().next(WAIT), EVENT_DN_BACK_IN_SERVICE, "7002"),
                "REMOTE_DEST", "0655500002", "REMOTE_NAME", "Bob cell");
    }

    @Test
    void primaryDropsASilentBackupAfterTheHeartbeatTimeout() throws Exception {
        try (FakePeer backup = FakePeer.connectedTo(t.server().syncPort())) {
            backup.backupHello("fake", TandemHarness.SYNC_SECRET);
            assertThat(backup.readSkippingHeartbeats()).startsWith("{\"type\":\"primaryHello\",\"server\":\"test-primary\",\"protocol\":3,\"proof\":\"");
            assertThat(backup.readSkippingHeartbeats()).isEqualTo("{\"type\":\"fullSyncDone\",\"counts\":{\"terminals\":0,\"calls\":0,\"agents\":0,\"recordings\":0,\"monitorings\":0},\"sequence\":0}");
            await().atMost(WAIT).until(() -> t.server().core().ha().status().backupsFollowing() == 1);

            int heartbeats = backup.heartbeatsUntilClosed(Duration.ofSeconds(5));
            assertThat(heartbeats).isGreaterThanOrEqualTo(2);
        }
        await().atMost(WAIT).until(() -> t.server().core().ha().status().backupsFollowing() == 0);
        assertThat(t.server().core().ha().status().state()).isEqualTo(SyncState.PEER_LOST);
        assertThat(t.server().core().ha().status().lastProblem()).isEqualTo("backup link: no heartbeat from the peer for 1000 ms");
    }

    @Test
    void primaryRefusesBadBackupsAndKeepsServingGoodOnes() throws Exception {
        try (FakePeer bad = FakePeer.connectedTo(t.server().syncPort())) {
            assertThat(bad.readSkippingHeartbeats()).contains("challenge");
            bad.send("{\"type\":\"backupReady\",\"server\":\"old\",\"protocol\":99}");
            assertThat(bad.readSkippingHeartbeats()).isEqualTo(
                    "{\"type\":\"refused\",\"reason\":\"sync protocol 99 is not supported; this server speaks 3\"}");
            assertThat(bad.readSkippingHeartbeats()).isNull();
        }
        try (FakePeer bad = FakePeer.connectedTo(t.server().syncPort())) {
            assertThat(bad.readSkippingHeartbeats()).contains("challenge");
            bad.send("{\"type\":\"fullSyncDone\",\"counts\":{},\"sequence\":0}");
            assertThat(bad.readSkippingHeartbeats()).isNull();
        }
        assertThat(t.server().core().ha().status().lastProblem())
                .isEqualTo("backup link: expected backupReady or heartbeat from the backup, got FullSyncDone");
        try (FakePeer bad = FakePeer.connectedTo(t.server().syncPort())) {
            byte[] huge = new byte[SyncCodec.MAX_LINE_BYTES + 10];
            Arrays.fill(huge, (byte) 'x');
            bad.sendRaw(huge);
            assertThat(bad.heartbeatsUntilClosed(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(0);
        }
        assertThat(t.server().core().ha().status().lastProblem()).startsWith("backup link: frame length").contains("exceeds");

        Agent a = t.agent("desk-a");
        extend(a, "7001", "0655500001", "A one");
        TServer backup = startBackupOf(t.server().syncPort());
        await().atMost(WAIT).until(() -> mirror(backup).size() == 1);
    }

    @Test
    void aBackupRefusesToSynchronizeAnotherBackup() throws Exception {
        TServer backup = startBackupOf(t.server().syncPort());
        try (FakePeer other = FakePeer.connectedTo(backup.syncPort())) {
            other.backupHello("b2", TandemHarness.SYNC_SECRET);
            assertThat(other.readSkippingHeartbeats()).isEqualTo("{\"type\":\"refused\",\"reason\":\"server test-backup is a backup too;"
                    + " a backup synchronizes only from the primary\"}");
            assertThat(other.readSkippingHeartbeats()).isNull();
        }
    }

    @Test
    void backupResynchronizesInFullAfterTheLinkBreaks() throws Exception {
        try (FakePeer primary = FakePeer.listening()) {
            TServer backup = startBackupOf(primary.port());
            primary.accept();
            assertThat(primary.challenge()).startsWith("{\"type\":\"backupReady\",\"server\":\"test-backup\",\"protocol\":3,\"nonce\":\"");
            primary.primaryHello("fake", TandemHarness.SYNC_SECRET);
            primary.send("{\"type\":\"fullSync\",\"part\":\"terminals\",\"items\":[{\"dn\":\"7001\",\"remoteDest\":\"1\",\"remoteName\":\"one\","
                    + "\"controller\":\"x\"},{\"dn\":\"7002\",\"remoteDest\":\"2\",\"remoteName\":\"two\",\"controller\":\"y\"}]}");
            primary.send("{\"type\":\"fullSyncDone\",\"counts\":{\"terminals\":2},\"sequence\":5}");
            await().atMost(WAIT).until(() -> mirror(backup).size() == 2);
            primary.send("{\"type\":\"change\",\"part\":\"terminals\",\"change\":{\"dn\":\"7004\",\"control\":{\"dn\":\"7004\","
                    + "\"remoteDest\":\"4\",\"remoteName\":\"four\",\"controller\":\"x\"}},\"sequence\":6,\"sentAt\":" + System.currentTimeMillis() + "}");
            await().atMost(WAIT).until(() -> mirror(backup).size() == 3);
            assertThat(mirroredSequence(backup)).isEqualTo(6);

            primary.accept();
            assertThat(primary.challenge()).contains("backupReady");
            await().atMost(WAIT).until(() -> backup.core().ha().status().state() == SyncState.SYNCHRONIZING);
            primary.primaryHello("fake", TandemHarness.SYNC_SECRET);
            primary.send("{\"type\":\"fullSync\",\"part\":\"terminals\",\"items\":[{\"dn\":\"7004\",\"remoteDest\":\"4\",\"remoteName\":\"four\","
                    + "\"controller\":\"x\"}]}");
            primary.send("{\"type\":\"fullSyncDone\",\"counts\":{\"terminals\":1},\"sequence\":9}");
            await().atMost(WAIT).until(() -> mirror(backup).size() == 1);
            assertThat(mirror(backup)).containsExactly(new TerminalControl("7004", "4", "four", "x", false));
            assertThat(mirroredSequence(backup)).isEqualTo(9);
            assertThat(backup.core().ha().status().state()).isEqualTo(SyncState.IN_SYNC);
        }
    }

    @Test
    void backupDropsAPrimaryThatBreaksTheProtocolAndKeepsItsMirror() throws Exception {
        try (FakePeer primary = FakePeer.listening()) {
            TServer backup = startBackupOf(primary.port());
            String[][] cases = {
                {"{\"type\":\"change\",\"part\":\"terminals\",\"change\":{\"dn\":\"7001\",\"control\":{\"dn\":\"7001\",\"remoteDest\":\"1\","
                    + "\"remoteName\":\"one\",\"controller\":\"x\"}},\"sequence\":1,\"sentAt\":0}", "primary link: change of terminals before fullSyncDone"},
                {"{\"type\":\"bogus\"}", "primary link: unknown sync message type 'bogus'"},
                {"{\"type\":\"fullSync\",\"part\":\"terminals\",\"items\":[{\"dn\":\"7001\",\"remoteDest\":\"1\",\"remoteName\":\"one\","
                    + "\"controller\":\"x\"}]}\n{\"type\":\"fullSyncDone\",\"counts\":{\"terminals\":3},\"sequence\":1}",
                    "primary link: fullSyncDone says 3 terminals, 1 arrived"},
                {"not json", "primary link: malformed sync message: "},
                {"{\"type\":\"fullSync\",\"part\":\"calls\",\"items\":[{\"callId\":5,\"connId\":\"c5\",\"userData\":{}}]}\n"
                    + "{\"type\":\"fullSyncDone\",\"counts\":{\"calls\":2},\"sequence\":0}", "primary link: fullSyncDone says 2 calls, 1 arrived"},
                {"{\"type\":\"fullSync\",\"part\":\"calls\",\"items\":[{\"callId\":5,\"connId\":\"c5\",\"userData\":{\"a\":[1]}}]}",
                    "primary link: malformed sync message: "},
                {"{\"type\":\"fullSync\",\"part\":\"routes\",\"items\":[]}",
                    "primary link: unknown replicated part 'routes'; this server replicates [terminals, calls, agents, recordings, monitorings]"},
                {"{\"type\":\"change\",\"part\":\"calls\",\"change\":{\"callId\":5,\"call\":{\"callId\":5,\"connId\":\"c5\",\"userData\":{}}},"
                    + "\"sequence\":1,\"sentAt\":0}", "primary link: change of calls before fullSyncDone"},
            };
            for (String[] c : cases) {
                primary.accept();
                assertThat(primary.challenge()).contains("backupReady");
                primary.primaryHello("fake", TandemHarness.SYNC_SECRET);
                primary.send(c[0]);
                assertThat(primary.heartbeatsUntilClosed(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(0);
                await().atMost(WAIT).untilAsserted(() -> assertThat(backup.core().ha().status().lastProblem()).startsWith(c[1]));
                assertThat(mirror(backup)).isEmpty();
            }
        }
    }

    @Test
    void backupNoticesASilentPrimaryAndReconnects() throws Exception {
        try (FakePeer primary = FakePeer.listening()) {
            TServer backup = startBackupOf(primary.port());
            primary.accept();
            assertThat(primary.challenge()).contains("backupReady");
            primary.primaryHello("fake", TandemHarness.SYNC_SECRET);
            primary.send("{\"type\":\"fullSyncDone\",\"counts\":{},\"sequence\":0}");
            assertThat(primary.heartbeatsUntilClosed(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(2);
            assertThat(backup.core().ha().status().lastProblem()).isEqualTo("primary link: no heartbeat from the peer for 1000 ms");
            primary.accept();
            assertThat(primary.challenge()).contains("backupReady");
        }
    }
}
