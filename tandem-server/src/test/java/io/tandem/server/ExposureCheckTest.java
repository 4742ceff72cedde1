package io.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.server.config.PasswordHashes;
import io.tandem.server.config.TServerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the server warns about when it listens beyond loopback (security-probe D3). */
class ExposureCheckTest {

    private static TServerConfig config(List<TServerConfig.ClientCredential> credentials, List<TServerConfig.ConsoleUser> users) {
        return new TServerConfig("tandem", "tandem", credentials, List.of(), users);
    }

    @Test
    void loopbackIsQuietAndEverythingElseNamesWhatIsOpen() {
        TServerConfig demo = config(List.of(), List.of(new TServerConfig.ConsoleUser("admin", PasswordHashes.hash("admin"), true),
                new TServerConfig.ConsoleUser("ops", PasswordHashes.hash("a long passphrase"), true)));
        assertThat(ExposureCheck.warnings("127.0.0.1", demo)).isEmpty();
        assertThat(ExposureCheck.warnings("localhost", demo)).isEmpty();
        assertThat(ExposureCheck.warnings("0.0.0.0", demo)).containsExactly(
                "listening on 0.0.0.0 beyond loopback without tserver.client-credentials: anyone who reaches the CTI port or the /cti"
                        + " WebSocket can register DNs, redirect remote terminals and control calls",
                "listening on 0.0.0.0 beyond loopback with console user 'admin' whose password is its name (the demo's): set a new hash"
                        + " with './tandem hash-password'");
        TServerConfig closed = config(List.of(new TServerConfig.ClientCredential("desk", "s3cret")),
                List.of(new TServerConfig.ConsoleUser("ops", PasswordHashes.hash("a long passphrase"), true)));
        assertThat(ExposureCheck.warnings("0.0.0.0", closed)).isEmpty();
    }

    @Test
    void theDefaultsBindLoopback() {
        assertThat(TServerSettings.defaults().host()).isEqualTo("127.0.0.1");
    }
}
