package io.tandem.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.server.TandemHarness;
import org.junit.jupiter.api.Test;

/** GET /api/health over real HTTP. */
class HealthApiTest {

    @Test
    void healthReportsRoleAndSwitchLink() {
        try (TandemHarness t = TandemHarness.start()) {
            TandemHarness.HttpResult health = t.get("/api/health");
            assertThat(health.status()).isEqualTo(200);
            JsonNode body = health.body();
            assertThat(body.get("status").asText()).isEqualTo("up");
            assertThat(body.get("role").asText()).isEqualTo("primary");
            assertThat(body.get("switchLink").asText()).isEqualTo("up");
            assertThat(body.at("/jvm/allocatedBytes").asLong()).isPositive();
            assertThat(body.at("/jvm/cpuTimeMs").isIntegralNumber()).isTrue();
            assertThat(t.get("/api/nothing").status()).isEqualTo(404);
            assertThat(t.post("/api/health", "{}").status()).isEqualTo(405);
        }
    }
}
