package io.tandem.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.ClientOptions;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.net.ConnectionLimits;
import io.tandem.server.PortSecurity;
import io.tandem.server.TServer;
import io.tandem.server.TServerSettings;
import io.tandem.server.TandemHarness;
import io.tandem.ucm.EmbeddedSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bounded under attack (security-probe D4): beyond the connection caps new connections are refused at once, silent
 * sockets and unfinished requests are closed at their deadline, and a registered client is answered throughout.
 */
class ConnectionLimitsTest {

    private static final Duration DEADLINE = Duration.ofMillis(700);

    private final List<AutoCloseable> open = new ArrayList<>();
    private TServer server;
    private TandemClient witness;

    @BeforeEach
    void start() {
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        Database db = Database.open(DatabaseSettings.h2Memory("limits" + System.nanoTime()), "t");
        EmbeddedSwitch sw = EmbeddedSwitch.start(config.switchConfig(), db);
        PortSecurity security = PortSecurity.DEFAULT.withCti(new ConnectionLimits(12, 8, DEADLINE))
                .withHttp(new ConnectionLimits(12, 8, DEADLINE));
        server = TandemHarness.startServer(config.tserverConfig(), db, sw, new io.tandem.common.http.Router(),
                TServerSettings.defaults().withPorts("127.0.0.1", 0, 0).withSecurity(security));
        open.add(server);
        open.add(sw);
        open.add(db);
        witness = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "witness"));
        witness.registerAddress("6001").join();
    }

    @AfterEach
    void stop() throws Exception {
        witness.close();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5_000);
        open.add(0, s);
        return s;
    }

    /** Whether the server closed {@code s} (end of stream) within the socket's timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void witnessIsAnswered() {
        assertThat(witness.request(io.tandem.protocol.Message.builder(io.tandem.protocol.MessageType.REQUEST_QUERY_ADDRESS)
                .put(io.tandem.protocol.Attribute.THIS_DN, "6001").build()).join().thisDn()).isEqualTo("6001");
    }

    @Test
    void connectionsBeyondThePerAddressCapAreClosedAtOnce() throws Exception {
        for (int i = 0; i < 7; i++) {
            connect(server.ctiPort());
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> server.ctiConnections().open() == 8);
        Socket beyond = connect(server.ctiPort());
        assertThat(closedByServer(beyond)).as("the 9th connection from one address (witness + 7 + this)").isTrue();
        assertThat(server.ctiConnections().refused()).isEqualTo(1);
        witnessIsAnswered();

        for (int i = 0; i < 8; i++) {
            connect(server.httpPort());
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> server.httpConnections().open() == 8);
        Socket httpBeyond = connect(server.httpPort());
        assertThat(closedByServer(httpBeyond)).isTrue();
        assertThat(server.httpConnections().refused()).isEqualTo(1);
        witnessIsAnswered();
    }

    @Test
    void aClientThatNeverRegistersIsClosedAtTheDeadline() throws Exception {
        Socket silent = connect(server.ctiPort());
        Socket partial = connect(server.ctiPort());
        partial.getOutputStream().write("{\"message\":\"RequestRegisterClient\",\"Applic".getBytes(StandardCharsets.UTF_8));
        assertThat(closedByServer(silent)).isTrue();
        assertThat(closedByServer(partial)).isTrue();
        witnessIsAnswered();
        Socket registered = connect(server.ctiPort());
        registered.getOutputStream().write("{\"message\":\"RequestRegisterClient\",\"ApplicationName\":\"late\"}\n".getBytes(StandardCharsets.UTF_8));
        registered.setSoTimeout((int) DEADLINE.multipliedBy(3).toMillis());
        InputStream in = registered.getInputStream();
        byte[] buffer = new byte[4096];
        assertThat(new String(buffer, 0, in.read(buffer), StandardCharsets.UTF_8)).contains("EventServerConnected");
        assertThat(closedByServer(registered)).as("a registered client is not subject to the deadline").isFalse();
    }

    @Test
    void unfinishedHttpRequestsAreClosedOnTime() throws Exception {
        Socket headers = connect(server.httpPort());
        headers.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nX-a: b".getBytes(StandardCharsets.ISO_8859_1));
        Socket body = connect(server.httpPort());
        OutputStream out = body.getOutputStream();
        out.write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000\r\n" + "x".repeat(60_000)).getBytes(StandardCharsets.ISO_8859_1));
        Socket idle = connect(server.httpPort());
        assertThat(closedByServer(headers)).isTrue();
        assertThat(closedByServer(body)).isTrue();
        assertThat(closedByServer(idle)).isTrue();
        witnessIsAnswered();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (Socket health = new Socket("127.0.0.1", server.httpPort())) {
                health.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return new String(health.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200");
            }
        });
    }
}
