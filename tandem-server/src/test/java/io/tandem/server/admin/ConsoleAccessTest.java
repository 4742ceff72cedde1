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
        assertThat(failure(access.authenticateLater("ops", "pw"))).as("34 failures: even the right password waits now")
                .isInstanceOf(ConsoleAccess.LoginsThrottled.class);
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
        return future.handle((v, e) -> e == null ? null : e instanceof java.util.concurrent.CompletionException ? e.getCause() : e).join();
    }

    @Test
    void unknownUserNamesAreRefusedAfterTheSameHashCheckAsKnownOnes() {
        ConsoleAccess access = new ConsoleAccess(List.of(new ConsoleUser("ops", PasswordHashes.hash("pw"), true)), Clock.systemUTC());
        assertThat(access.authenticate("ops", "wrong")).isEmpty();
        assertThat(access.passwordChecks()).isEqualTo(1);
        assertThat(access.authenticate("nobody", "wrong")).isEmpty();
        assertThat(access.passwordChecks()).as("a decoy hash is checked for an unknown name").isEqualTo(2);
        assertThat(access.authenticate("nobody", null)).isEmpty();
        assertThat(access.passwordChecks()).isEqualTo(3);
    }

    @Test
    void failedLoginsSlowDownTheirAddressAndThenTheirUserName() {
        MovingClock clock = new MovingClock();
        ConsoleAccess access = new ConsoleAccess(List.of(new ConsoleUser("ops", PasswordHashes.hash("pw"), true)), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(access.authenticateLater("ops", "wrong" + i, "10.0.0.1").join()).isEmpty();
        }
        Throwable throttled = failure(access.authenticateLater("ops", "pw", "10.0.0.1"));
        assertThat(throttled).isInstanceOf(ConsoleAccess.LoginsThrottled.class)
                .hasMessage("too many failed logins for this user or from this address; try again in 1 s");
        long checks = access.passwordChecks();
        assertThat(access.authenticateLater("ops", "pw", "10.0.0.2").join()).as("another address is not slowed").isPresent();
        clock.now = clock.now.plusSeconds(1);
        assertThat(access.authenticateLater("ops", "pw", "10.0.0.1").join()).as("after the wait").isPresent();
        assertThat(access.passwordChecks()).as("a throttled login checks no hash").isEqualTo(checks + 2);

        for (int i = 0; i < ConsoleAccess.FREE_FAILURES_PER_USER; i++) {
            assertThat(access.authenticateLater("ops", "guess", "10.1.0." + i).join()).isEmpty();
        }
        assertThat(failure(access.authenticateLater("ops", "pw", "10.2.0.1"))).as("the user name failed from many addresses")
                .isInstanceOf(ConsoleAccess.LoginsThrottled.class);
    }

    @Test
    void expiredSessionsAreSweptAndBasicCredentialsAreForgottenWhenUnused() {
        MovingClock clock = new MovingClock();
        ConsoleAccess access = new ConsoleAccess(List.of(new ConsoleUser("ops", PasswordHashes.hash("pw"), true)), clock);
        ConsoleAccess.Principal ops = access.authenticate("ops", "pw").orElseThrow();
        for (int i = 0; i < 5; i++) {
            access.open(ops);
        }
        clock.now = clock.now.plus(ConsoleAccess.IDLE);
        access.open(ops);
        assertThat(access.openSessions()).as("the five idle ones were swept").isEqualTo(1);

        HttpExchange basic = new HttpExchange("GET", "/api/admin/dns", Map.of(), Map.of(), new byte[0],
                Map.of("authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ops:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(access.principal(basic).join()).isPresent();
        assertThat(access.knownPrincipal(basic)).as("remembered").isPresent();
        clock.now = clock.now.plus(ConsoleAccess.BASIC_CACHE_IDLE);
        assertThat(access.knownPrincipal(basic)).as("forgotten after 15 unused minutes: checked again").isEmpty();
    }
}
