package io.tandem.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.client.ClientOptions;
import io.tandem.client.RequestFailedException;
import io.tandem.client.TandemClient;
import io.tandem.common.db.Database;
import io.tandem.common.db.DatabaseSettings;
import io.tandem.common.http.Router;
import io.tandem.server.TServer;
import io.tandem.server.TandemHarness;
import io.tandem.server.config.TServerConfig;
import io.tandem.ucm.EmbeddedSwitch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the configuration lists client credentials, RequestRegisterClient must present them. */
class ClientCredentialsTest {

    @Test
    void onlyConfiguredApplicationsWithTheirPasswordMayRegister() {
        TandemHarness.Config config = TandemHarness.loadConfig("/test-config.yaml");
        TServerConfig base = config.tserverConfig();
        TServerConfig withCredentials = new TServerConfig(base.applicationUser(), base.applicationPassword(),
                List.of(new TServerConfig.ClientCredential("desk", "s3cret")), base.dns());
        try (Database db = Database.open(DatabaseSettings.h2Memory("cred" + System.nanoTime()), "t");
                EmbeddedSwitch sw = EmbeddedSwitch.start(config.switchConfig(), db);
                TServer server = TandemHarness.startServer(withCredentials, db, sw, new Router())) {
            ClientOptions desk = ClientOptions.tcp("127.0.0.1", server.ctiPort(), "desk");
            assertThatThrownBy(() -> TandemClient.connect(desk.withPassword("wrong")))
                    .isInstanceOf(RequestFailedException.class)
                    .satisfies(e -> {
                        assertThat(((RequestFailedException) e).errorCode()).isEqualTo(223);
                        assertThat(((RequestFailedException) e).errorMessage()).contains("authentication failed for application 'desk'");
                    });
            assertThatThrownBy(() -> TandemClient.connect(ClientOptions.tcp("127.0.0.1", server.ctiPort(), "intruder")))
                    .isInstanceOf(RequestFailedException.class);
            try (TandemClient client = TandemClient.connect(desk.withPassword("s3cret"))) {
                assertThat(client.registerAddress("6001").join().thisDn()).isEqualTo("6001");
            }
        }
    }
}
