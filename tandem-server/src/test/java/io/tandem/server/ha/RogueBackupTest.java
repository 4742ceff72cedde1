package io.tandem.server.ha;

import static io.tandem.server.TandemHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.TandemHarness.Agent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync link is authenticated by the pair's shared secret (security-probe D2): a peer that does not know it
 * gets nothing of the primary's state, and a server with another secret is refused both ways.
 */
class RogueBackupTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private TandemHarness t;

    @BeforeEach
    void start() {
        t = TandemHarness.start(HaSettings.pair(HaRole.PRIMARY, 0, null, 0).withHeartbeat(INTERVAL, TIMEOUT).withSecret(TandemHarness.SYNC_SECRET));
        Agent a = t.agent("desk-a");
        a.client().registerAddress("7001", io.tandem.server.Events.ext("REMOTE_DEST", "0655500001", "REMOTE_NAME", "Private mobile")).join();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** Everything the primary sends to a raw client that writes {@code lines} after reading the first line, until it closes. */
    private List<String> talk(String... lines) throws Exception {
        List<String> received = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", t.server().syncPort())) {
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            received.add(in.readLine());
            OutputStream out = socket.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
            }
        }
        return received;
    }

    @Test
    void thePreviousProtocolsUnauthenticatedHelloGetsNothing() throws Exception {
        List<String> received = talk("{\"type\":\"backupReady\",\"server\":\"rogue\",\"protocol\":1}");
        assertThat(received.get(0)).startsWith("{\"type\":\"challenge\",\"nonce\":\"");
        assertThat(String.join("\n", received)).doesNotContain("fullSync", "0655500001", "Private mobile", "primaryHello");
        assertThat(t.server().core().ha().status().backupsFollowing()).isZero();
    }

    @Test
    void aWrongProofIsRefusedAndTheConnectionClosed() throws Exception {
        List<String> received = talk("{\"type\":\"backupReady\",\"server\":\"rogue\",\"protocol\":" + SyncMessage.PROTOCOL + ",\"nonce\":\"abc\",\"proof\":\"forged\"}");
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo("{\"type\":\"refused\",\"reason\":\"authentication failed: wrong shared secret\"}");
        assertThat(t.server().core().ha().status().lastProblem()).contains("does not know the sync link's shared secret");
        assertThat(t.server().core().ha().status().backupsFollowing()).isZero();
    }

    @Test
    void aSilentPeerIsClosedAtTheDeadline() throws Exception {
        List<String> received = talk().stream().filter(line -> !line.contains("\"heartbeat\"")).toList();
        assertThat(received).hasSize(1).allMatch(line -> line.contains("challenge"));
    }

    @Test
    void aBackupWithAnotherSecretNeverSynchronizes() {
        TServer impostor = t.startPeer(HaSettings.pair(HaRole.BACKUP, 0, "127.0.0.1", t.server().syncPort()).withHeartbeat(INTERVAL, TIMEOUT)
                .withSecret("another-secret-of-16+chars"));
        await().atMost(WAIT).until(() -> String.valueOf(t.server().core().ha().status().lastProblem()).contains("shared secret"));
        assertThat(impostor.core().ha().status().state()).isNotEqualTo(SyncState.IN_SYNC);
        assertThat(impostor.core().onCoreThread(() -> impostor.core().terminalControl().mirror()).join()).isEmpty();
        assertThat(t.server().core().ha().status().backupsFollowing()).isZero();
    }
}
