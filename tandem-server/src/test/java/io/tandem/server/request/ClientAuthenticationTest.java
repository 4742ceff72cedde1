package io.tandem.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tandem.client.ClientOptions;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.Router;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.config.TServerConfig;
import io.tandem.ucm.EmbeddedSwitch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that fails authentication is disconnected, and an address that keeps failing must wait
 * (security-probe D3: 5,000 guesses on one connection in 0.7 s).
 */
class ClientAuthenticationTest {

    /** What the server answers a RequestRegisterClient with {@code password} on a fresh connection, up to its close. */
    private static List<String> tryPassword(int port, String password) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("{\"message\":\"RequestRegisterClient\",\"ReferenceID\":1,\"ApplicationName\":\"desk\",\"Password\":\""
                    + password + "\"}\n{\"message\":\"RequestQueryAddress\",\"ReferenceID\":2,\"ThisDN\":\"6001\"}\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.contains("EventAddressInfo")) {
                    break;
                }
            }
        }
        return lines;
    }

    @Test
    void aWrongPasswordDisconnectsAndRepeatedFailuresMakeTheAddressWait() throws Exception {
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        TServerConfig base = config.tserverConfig();
        TServerConfig withCredentials = new TServerConfig(base.applicationUser(), base.applicationPassword(),
                List.of(new TServerConfig.ClientCredential("desk", "s3cret")), base.dns());
        try (Database db = Database.open(DatabaseSettings.h2Memory("auth" + System.nanoTime()), "t");
                EmbeddedSwitch sw = EmbeddedSwitch.start(config.switchConfig(), db);
                TServer server = TandemHarness.startServer(withCredentials, db, sw, new Router())) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                List<String> answer = tryPassword(server.ctiPort(), "guess" + attempt);
                assertThat(answer).as("attempt " + attempt + ": one EventError, then the connection closes; the query is never answered")
                        .hasSize(1);
                assertThat(answer.get(0)).contains("\"message\":\"EventError\"", "\"ErrorCode\":223",
                        "authentication failed for application 'desk'");
            }
            List<String> refused = tryPassword(server.ctiPort(), "s3cret");
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).contains("\"ErrorCode\":223", "too many failed attempts from 127.0.0.1; try again in 1 s");

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> tryPassword(server.ctiPort(), "s3cret").stream().anyMatch(l -> l.contains("EventAddressInfo")));
            try (TandemClient client = TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "desk").withPassword("s3cret"))) {
                assertThat(client.registerAddress("6001").join().thisDn()).as("a success forgets the failures").isEqualTo("6001");
            }
        }
    }
}
