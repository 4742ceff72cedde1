package io.tandem.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.server.HarnessTest;
import io.tandem.server.config.DnType;
import io.tandem.server.config.TServerConfig;
import org.junit.jupiter.api.Test;

/** A run-time DN change whose write fails changes nothing: the write happens off the core thread, before the answer. */
class DnChangeFailureTest extends HarnessTest {

    @Test
    void aFailedWriteLeavesTheDnsAsTheyWere() {
        assertThatThrownBy(() -> t.server().core().addDn(new TServerConfig.DnConfig("9950", DnType.Extension), dn -> {
            throw new IllegalStateException("disk full");
        }).join()).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("disk full");
        assertThat(t.get("/api/admin/dns/9950").status()).as("not added").isEqualTo(404);

        assertThatThrownBy(() -> t.server().core().removeDn("6003", number -> {
            throw new IllegalStateException("disk full");
        }).join()).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(t.get("/api/admin/dns/6003").status()).as("still served").isEqualTo(200);
        assertThat(t.agent("desk").client().registerAddress("6003").join().thisDn()).isEqualTo("6003");

        assertThat(t.server().core().addDn(new TServerConfig.DnConfig("9951", DnType.Extension), dn -> { }).join().dn()).isEqualTo("9951");
        assertThatThrownBy(() -> t.server().core().addDn(new TServerConfig.DnConfig("9951", DnType.Extension), dn -> { }).join())
                .hasMessageContaining("DN 9951 is already configured");
    }
}
