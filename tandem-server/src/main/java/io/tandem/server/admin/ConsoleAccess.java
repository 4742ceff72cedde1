package io.tandem.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.common.http.HttpExchange;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import io.tandem.server.config.PasswordHashes;
import io.tandem.server.config.TServerConfig.ConsoleUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who may use the console and the admin API. Users come from the configuration with hashed passwords and a
 * role: {@code admin} may change things, {@code read-only} may only look. A browser logs in once
 * ({@code POST /api/auth/login}) and carries a session cookie; scripts may send HTTP Basic credentials with
 * each request instead. Sessions end after {@link #IDLE} without use, or at logout. Thread-safe.
 */
public final class ConsoleAccess {

    /** The session cookie's name. */
    public static final String COOKIE = "tandem_console";
    /** A session unused this long ends. */
    public static final Duration IDLE = Duration.ofHours(8);

    /** A logged-in user. */
    public record Principal(String user, boolean admin) {
        /** "admin" or "read-only". */
        public String role() {
            return admin ? "admin" : "read-only";
        }
    }

    private record Session(Principal principal, long lastUsed) {
    }

    /** Basic credentials checked before: a keyed, salted digest, forgotten after {@link #BASIC_CACHE_IDLE} unused. */
    private record VerifiedBasic(byte[] salt, byte[] digest, long lastUsed) {
    }

    /** Sessions open at once at most; beyond, the least recently used one ends. */
    public static final int MAX_SESSIONS = 10_000;
    /** Checked Basic credentials are remembered this long without use. */
    public static final Duration BASIC_CACHE_IDLE = Duration.ofMinutes(15);
    /** Failed logins one user name may have before logins for it must wait. */
    public static final int FREE_FAILURES_PER_USER = 10;
    /** A hash checked for unknown user names, so that they take as long to refuse as known ones. */
    private static final String DECOY_HASH = PasswordHashes.hash("decoy password for unknown user names");

    private final String cookieAttributes;
    private final Map<String, ConsoleUser> users = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, VerifiedBasic> verifiedBasic = new ConcurrentHashMap<>();
    private final byte[] cacheKey = new byte[32];
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final io.tandem.common.net.FailedAttempts failuresByAddress;
    private final io.tandem.common.net.FailedAttempts failuresByUser;
    private final java.util.concurrent.atomic.AtomicLong passwordChecks = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Password hashes are checked here, never on an I/O thread: a PBKDF2 check takes about 0.1 s of CPU, and a
     * flood of logins must neither stall clients' connections nor take every core. At most two checks run at
     * once and 32 wait; beyond that a login is answered 429.
     */
    private final java.util.concurrent.ThreadPoolExecutor hashing = hashingExecutor();

    private static java.util.concurrent.ThreadPoolExecutor hashingExecutor() {
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(2, 2, 30, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(32), r -> {
                    Thread t = new Thread(r, "console-auth");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Too many password checks are waiting. */
    static final class TooManyLogins extends RuntimeException {
        TooManyLogins() {
            super("too many logins at once; try again in a moment");
        }
    }

    /** Logins for a user or from an address that failed too often must wait. */
    static final class LoginsThrottled extends RuntimeException {
        LoginsThrottled(long waitMillis) {
            super("too many failed logins for this user or from this address; try again in " + (waitMillis + 999) / 1000 + " s");
        }
    }

    /** Access for {@code configured} users, sessions timed by {@code clock}. */
    public ConsoleAccess(List<ConsoleUser> configured, Clock clock) {
        this(configured, clock, false);
    }

    /** As above; {@code secureCookies} when the console is served over TLS (the cookie is then {@code Secure}). */
    public ConsoleAccess(List<ConsoleUser> configured, Clock clock, boolean secureCookies) {
        this.cookieAttributes = "; Path=/; HttpOnly; SameSite=Strict" + (secureCookies ? "; Secure" : "");
        configured.forEach(u -> users.put(u.name(), u));
        this.clock = clock;
        this.failuresByAddress = new io.tandem.common.net.FailedAttempts(clock);
        this.failuresByUser = new io.tandem.common.net.FailedAttempts(clock, FREE_FAILURES_PER_USER);
        random.nextBytes(cacheKey);
    }

    /** How many password hashes were checked (known and unknown user names alike). */
    long passwordChecks() {
        return passwordChecks.get();
    }

    /** Whether any user is configured (without one nobody can log in). */
    public boolean hasUsers() {
        return !users.isEmpty();
    }

    /** The user {@code name} with {@code password}, if both are right. */
    public Optional<Principal> authenticate(String name, String password) {
        ConsoleUser user = name == null ? null : users.get(name);
        passwordChecks.incrementAndGet();
        // an unknown name is checked against a decoy hash: refusing it takes as long as refusing a known one
        boolean matches = PasswordHashes.matches(password == null ? "" : password, user == null ? DECOY_HASH : user.passwordHash());
        if (user == null || password == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(new Principal(user.name(), user.admin()));
    }

    /** As {@link #authenticate}, on the password-checking threads. Fails with {@link TooManyLogins} when they are saturated. */
    CompletableFuture<Optional<Principal>> authenticateLater(String name, String password) {
        return authenticateLater(name, password, "");
    }

    /**
     * As {@link #authenticate} for a login from {@code address}, on the password-checking threads. Fails with
     * {@link LoginsThrottled} when the user name or the address failed too often (without checking the password), and
     * with {@link TooManyLogins} when the checking threads are saturated. Failures and successes are counted.
     */
    CompletableFuture<Optional<Principal>> authenticateLater(String name, String password, String address) {
        long wait = Math.max(failuresByAddress.waitMillis(address), failuresByUser.waitMillis(String.valueOf(name)));
        if (wait > 0) {
            return CompletableFuture.failedFuture(new LoginsThrottled(wait));
        }
        try {
            return CompletableFuture.supplyAsync(() -> authenticate(name, password), hashing).thenApply(principal -> {
                if (principal.isPresent()) {
                    failuresByAddress.succeeded(address);
                    failuresByUser.succeeded(name);
                } else {
                    failuresByAddress.failed(address);
                    failuresByUser.failed(String.valueOf(name));
                }
                return principal;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TooManyLogins());
        }
    }

    /** Starts a session for {@code principal}; returns its token. */
    public String open(Principal principal) {
        sweep();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(principal, clock.millis()));
        return token;
    }

    /** Ends the sessions unused for {@link #IDLE}, and the least recently used ones beyond {@link #MAX_SESSIONS}. */
    private void sweep() {
        long now = clock.millis();
        sessions.entrySet().removeIf(e -> now - e.getValue().lastUsed() >= IDLE.toMillis());
        verifiedBasic.entrySet().removeIf(e -> now - e.getValue().lastUsed() >= BASIC_CACHE_IDLE.toMillis());
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(java.util.Comparator.comparingLong(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> sessions.remove(e.getKey()));
        }
    }

    /** How many sessions are open. */
    int openSessions() {
        return sessions.size();
    }

    /** Ends the session of {@code token}. */
    public void close(String token) {
        sessions.remove(token);
    }

    /**
     * Who sent {@code exchange}: its session cookie, or its HTTP Basic credentials (checked on the
     * password-checking threads the first time).
     */
    public CompletableFuture<Optional<Principal>> principal(HttpExchange exchange) {
        Optional<Principal> known = knownPrincipal(exchange);
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known);
        }
        Optional<io.tandem.common.http.BasicCredentials> basic = io.tandem.common.http.BasicCredentials.of(exchange);
        if (basic.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String name = basic.get().user();
        String password = basic.get().password();
        return authenticateLater(name, password, exchange.remoteAddress()).thenApply(principal -> {
            principal.ifPresent(p -> {
                byte[] salt = new byte[16];
                random.nextBytes(salt);
                verifiedBasic.put(name, new VerifiedBasic(salt, keyedDigest(salt, name, password), clock.millis()));
            });
            return principal;
        });
    }

    /** Who sent {@code exchange}, without checking a password hash: a session cookie, or Basic credentials checked before. */
    Optional<Principal> knownPrincipal(HttpExchange exchange) {
        Optional<String> token = exchange.cookie(COOKIE);
        if (token.isPresent()) {
            Session session = sessions.get(token.get());
            long now = clock.millis();
            if (session != null && now - session.lastUsed() < IDLE.toMillis()) {
                sessions.put(token.get(), new Session(session.principal(), now));
                return Optional.of(session.principal());
            }
            if (session != null) {
                sessions.remove(token.get());
            }
        }
        return io.tandem.common.http.BasicCredentials.of(exchange).flatMap(credentials -> {
            ConsoleUser user = users.get(credentials.user());
            VerifiedBasic known = verifiedBasic.get(credentials.user());
            long now = clock.millis();
            boolean fresh = known != null && now - known.lastUsed() < BASIC_CACHE_IDLE.toMillis();
            boolean verified = user != null && fresh
                    && MessageDigest.isEqual(known.digest(), keyedDigest(known.salt(), credentials.user(), credentials.password()));
            if (verified) {
                verifiedBasic.put(credentials.user(), new VerifiedBasic(known.salt(), known.digest(), now));
            }
            return verified ? Optional.of(new Principal(user.name(), user.admin())) : Optional.empty();
        });
    }

    /**
     * The access decision of every protected route (admin API, switch control API, HA API): 403 when no user is
     * configured, 401 without a valid session or credentials, 403 when a read-only user calls an admin route.
     */
    public Router.Authorizer authorizer() {
        return (exchange, access) -> {
            if (!hasUsers()) {
                return CompletableFuture.completedFuture(Optional.of(noUsers()));
            }
            return principal(exchange).handle((principal, error) -> error != null ? Optional.of(tooMany(error))
                    : refusal(exchange, principal, access == io.tandem.common.http.Access.ADMIN));
        };
    }

    /**
     * The admission of a WebSocket that only logged-in users may open: a session cookie, or Basic credentials
     * already checked by an earlier request (a WebSocket upgrade never waits for a password hash).
     */
    public Function<HttpExchange, Optional<HttpReply>> admission() {
        return exchange -> hasUsers() ? refusal(exchange, knownPrincipal(exchange), false) : Optional.of(noUsers());
    }

    private static HttpReply noUsers() {
        return HttpReply.error(403, "no console users are configured; add tserver.console-users (hashes from './tandem hash-password')");
    }

    private static HttpReply tooMany(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TooManyLogins || cause instanceof LoginsThrottled) {
            return HttpReply.error(429, cause.getMessage());
        }
        throw new java.util.concurrent.CompletionException(cause);
    }

    private static Optional<HttpReply> refusal(HttpExchange exchange, Optional<Principal> principal, boolean changes) {
        if (principal.isEmpty()) {
            return Optional.of(HttpReply.error(401, "log in first (POST /api/auth/login) or send HTTP Basic credentials"));
        }
        if (changes && !principal.get().admin()) {
            return Optional.of(HttpReply.error(403, "user '" + principal.get().user() + "' is read-only; " + exchange.method() + " "
                    + exchange.path() + " needs the admin role"));
        }
        return Optional.empty();
    }

    /**
     * {@code POST /api/auth/login} with {@code {"user": ..., "password": ...}} (sets the session cookie),
     * {@code POST /api/auth/logout}, {@code GET /api/auth/me}.
     */
    public Router routes() {
        return new Router()
                .add("POST", "/api/auth/login", io.tandem.common.http.Access.PUBLIC, x -> {
                    JsonNode body = x.jsonBody();
                    String user = x.requiredField(body, "user");
                    String password = x.requiredField(body, "password");
                    return authenticateLater(user, password, x.remoteAddress()).handle((principal, error) -> {
                        if (error != null) {
                            return tooMany(error);
                        }
                        if (principal.isEmpty()) {
                            return HttpReply.error(401, hasUsers() ? "wrong user name or password" : "no console users are configured");
                        }
                        String token = open(principal.get());
                        return HttpReply.ok(Map.of("user", principal.get().user(), "role", principal.get().role()))
                                .withHeader("Set-Cookie", COOKIE + "=" + token + cookieAttributes);
                    });
                })
                .add("POST", "/api/auth/logout", io.tandem.common.http.Access.PUBLIC, x -> {
                    x.cookie(COOKIE).ifPresent(this::close);
                    return CompletableFuture.completedFuture(HttpReply.ok(Map.of("result", "logged out"))
                            .withHeader("Set-Cookie", COOKIE + "=" + cookieAttributes + "; Max-Age=0"));
                })
                .add("GET", "/api/auth/me", io.tandem.common.http.Access.PUBLIC, x -> principal(x).handle((principal, error) -> error != null ? tooMany(error)
                        : principal.map(p -> HttpReply.ok(Map.of("user", p.user(), "role", p.role())))
                                .orElseGet(() -> HttpReply.error(401, "not logged in"))));
    }

    /** HMAC-SHA256 under this process's random key over the salt, the name and the password. */
    private byte[] keyedDigest(byte[] salt, String name, String password) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(salt);
            return mac.doFinal((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
