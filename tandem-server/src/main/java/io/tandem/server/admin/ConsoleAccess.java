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

    private final Map<String, ConsoleUser> users = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> verifiedBasic = new ConcurrentHashMap<>();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
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

    /** Access for {@code configured} users, sessions timed by {@code clock}. */
    public ConsoleAccess(List<ConsoleUser> configured, Clock clock) {
        configured.forEach(u -> users.put(u.name(), u));
        this.clock = clock;
    }

    /** Whether any user is configured (without one nobody can log in). */
    public boolean hasUsers() {
        return !users.isEmpty();
    }

    /** The user {@code name} with {@code password}, if both are right. */
    public Optional<Principal> authenticate(String name, String password) {
        ConsoleUser user = name == null ? null : users.get(name);
        if (user == null || password == null || !PasswordHashes.matches(password, user.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(new Principal(user.name(), user.admin()));
    }

    /** As {@link #authenticate}, on the password-checking threads. Fails with {@link TooManyLogins} when they are saturated. */
    CompletableFuture<Optional<Principal>> authenticateLater(String name, String password) {
        try {
            return CompletableFuture.supplyAsync(() -> authenticate(name, password), hashing);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TooManyLogins());
        }
    }

    /** Starts a session for {@code principal}; returns its token. */
    public String open(Principal principal) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(principal, clock.millis()));
        return token;
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
        return authenticateLater(name, password).thenApply(principal -> {
            principal.ifPresent(p -> verifiedBasic.put(name, sha256(name + ":" + password)));
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
            byte[] known = verifiedBasic.get(credentials.user());
            boolean verified = user != null && known != null && MessageDigest.isEqual(known, sha256(credentials.user() + ":" + credentials.password()));
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
        if (cause instanceof TooManyLogins) {
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
                    return authenticateLater(user, password).handle((principal, error) -> {
                        if (error != null) {
                            return tooMany(error);
                        }
                        if (principal.isEmpty()) {
                            return HttpReply.error(401, hasUsers() ? "wrong user name or password" : "no console users are configured");
                        }
                        String token = open(principal.get());
                        return HttpReply.ok(Map.of("user", principal.get().user(), "role", principal.get().role()))
                                .withHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
                    });
                })
                .add("POST", "/api/auth/logout", io.tandem.common.http.Access.PUBLIC, x -> {
                    x.cookie(COOKIE).ifPresent(this::close);
                    return CompletableFuture.completedFuture(HttpReply.ok(Map.of("result", "logged out"))
                            .withHeader("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"));
                })
                .add("GET", "/api/auth/me", io.tandem.common.http.Access.PUBLIC, x -> principal(x).handle((principal, error) -> error != null ? tooMany(error)
                        : principal.map(p -> HttpReply.ok(Map.of("user", p.user(), "role", p.role())))
                                .orElseGet(() -> HttpReply.error(401, "not logged in"))));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
