package io.tandem.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.common.http.HttpExchange;
import io.tandem.server.config.PasswordHashes;
import io.tandem.server.config.TServerConfig.ConsoleUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Console sessions and password hashes, on an injected clock. */
class ConsoleAccessTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-21T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static HttpExchange withCookie(String token) {
        return new HttpExchange("GET", "/api/admin/dns", Map.of(), Map.of(), new byte[0], Map.of("cookie", "x=1; " + ConsoleAccess.COOKIE + "=" + token));
    }

    @Test
    void aSessionLastsWhileItIsUsedAndEndsAfterEightIdleHours() {
        MovingClock clock = new MovingClock();
        ConsoleAccess access = new ConsoleAccess(List.of(new ConsoleUser("ops", PasswordHashes.hash("pw"), true)), clock);
        String token = access.open(access.authenticate("ops", "pw").orElseThrow());

        clock.now = clock.now.plus(Duration.ofHours(7));
        assertThat(access.principal(withCookie(token))).hasValueSatisfying(p -> assertThat(p.user()).isEqualTo("ops"));
        clock.now = clock.now.plus(Duration.ofHours(7));
        assertThat(access.principal(withCookie(token))).as("used 7 hours ago: still open").isPresent();
        clock.now = clock.now.plus(Duration.ofHours(8));
        assertThat(access.principal(withCookie(token))).as("8 hours unused").isEmpty();
        assertThat(access.principal(withCookie("made-up"))).isEmpty();
    }

    @Test
    void hashesAreSaltedAndCheckedAndMalformedOnesNeverMatch() {
        String a = PasswordHashes.hash("correct horse");
        String b = PasswordHashes.hash("correct horse");
        assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct");
        assertThat(PasswordHashes.matches("correct horse", a)).isTrue();
        assertThat(PasswordHashes.matches("correct horse", b)).isTrue();
        assertThat(PasswordHashes.matches("Correct horse", a)).isFalse();
        assertThat(PasswordHashes.isWellFormed("secret")).isFalse();
        assertThat(PasswordHashes.matches("secret", "secret")).isFalse();
        assertThat(PasswordHashes.isWellFormed("pbkdf2-sha256$10$AAAAAAAAAAA$AAAA")).isFalse();
    }
}
