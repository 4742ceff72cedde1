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
        assertThat(access.principal(withCookie(token)).join()).hasValueSatisfying(p -> assertThat(p.user()).isEqualTo("ops"));
        clock.now = clock.now.plus(Duration.ofHours(7));
        assertThat(access.principal(withCookie(token)).join()).as("used 7 hours ago: still open").isPresent();
        clock.now = clock.now.plus(Duration.ofHours(8));
        assertThat(access.principal(withCookie(token)).join()).as("8 hours unused").isEmpty();
        assertThat(access.principal(withCookie("made-up")).join()).isEmpty();
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

    @Test
    void aFloodOfLoginsIsCheckedTwoAtATimeOffTheCallersThreadAndTheExcessRefused() {
        ConsoleAccess access = new ConsoleAccess(List.of(new ConsoleUser("ops", PasswordHashes.hash("pw"), true)), Clock.systemUTC());
        List<java.util.concurrent.CompletableFuture<java.util.Optional<ConsoleAccess.Principal>>> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            attempts.add(access.authenticateLater("ops", "wrong" + i));
        }
        long refused = attempts.stream().filter(f -> f.handle((p, e) -> e != null && e.getCause() instanceof ConsoleAccess.TooManyLogins
                || e instanceof ConsoleAccess.TooManyLogins).join()).count();
        assertThat(refused).as("2 running + 32 waiting are taken, the rest refused").isEqualTo(6);
        assertThat(attempts.stream().filter(f -> !f.isCompletedExceptionally()).map(java.util.concurrent.CompletableFuture::join))
                .hasSize(34).allMatch(java.util.Optional::isEmpty);
        assertThat(access.authenticateLater("ops", "pw").join()).isPresent();
    }
}
