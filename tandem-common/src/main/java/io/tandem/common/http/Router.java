package io.tandem.common.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Maps method and path patterns such as {@code /api/switch/devices/{name}} to handlers. Every route carries its
 * {@link Access}; a route added without one is protected ({@link Access#forMethod}). The server asks one
 * {@link Authorizer} about every route that is not public; without one, such routes are refused (deny by default).
 */
public final class Router {

    /** A route handler; it may answer later through the future. */
    @FunctionalInterface
    public interface Handler extends Function<HttpExchange, CompletableFuture<HttpReply>> {
    }

    /**
     * Decides whether a request may use a route that needs {@code access}: a reply refuses it (401, 403, 429),
     * empty lets it through. It answers through a future so that slow checks (a password hash) need not run on an
     * I/O thread.
     */
    @FunctionalInterface
    public interface Authorizer {
        CompletableFuture<Optional<HttpReply>> check(HttpExchange exchange, Access access);
    }

    /**
     * A matched route.
     *
     * @param crossSite whether requests from pages of other origins and non-JSON bodies are accepted (the EM API)
     */
    record Match(Handler handler, Map<String, String> params, Access access, boolean crossSite) {
    }

    private record Route(String method, String[] segments, Access access, boolean crossSite, Handler handler) {
    }

    /** Refuses everything that is not public: the authorizer of a server that has no users. */
    public static final Authorizer DENY = (exchange, access) -> CompletableFuture.completedFuture(
            Optional.of(HttpReply.error(401, "this server has no users who may call " + exchange.path())));

    private final List<Route> routes = new ArrayList<>();
    private Authorizer authorizer = DENY;

    /** Every route that is not public must pass {@code authorizer} (replaces the previous one; the default is {@link #DENY}). */
    public Router authorizer(Authorizer authorizer) {
        this.authorizer = authorizer;
        return this;
    }

    /** Whether {@code exchange} may use a route needing {@code access}; public routes always may. */
    CompletableFuture<Optional<HttpReply>> refusal(HttpExchange exchange, Access access) {
        return access == Access.PUBLIC ? CompletableFuture.completedFuture(Optional.empty()) : authorizer.check(exchange, access);
    }

    /** Adds a protected route: GET needs a user, every other method the admin role. */
    public Router add(String method, String pattern, Handler handler) {
        return add(method, pattern, Access.forMethod(method), handler);
    }

    /** Adds a route with the given access; browsers may only call it from the same origin, with JSON bodies. */
    public Router add(String method, String pattern, Access access, Handler handler) {
        routes.add(new Route(method, split(pattern), access, false, handler));
        return this;
    }

    /**
     * Adds a public route that accepts any body from any origin: only for APIs with their own authentication in the
     * request that existing tools call with form posts (the Extension Mobility API).
     */
    public Router addCrossSite(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), Access.PUBLIC, true, handler));
        return this;
    }

    /** Adds a protected GET route answered synchronously. */
    public Router get(String pattern, Function<HttpExchange, HttpReply> handler) {
        return add("GET", pattern, sync(handler));
    }

    /** Adds a public GET route answered synchronously. */
    public Router publicGet(String pattern, Function<HttpExchange, HttpReply> handler) {
        return add("GET", pattern, Access.PUBLIC, sync(handler));
    }

    /** Adds a protected POST route answered synchronously. */
    public Router post(String pattern, Function<HttpExchange, HttpReply> handler) {
        return add("POST", pattern, sync(handler));
    }

    /** Every route as {@code METHOD /pattern}, in the order added (for checking the API description against the code). */
    public List<String> describe() {
        return routes.stream().map(r -> r.method() + " /" + String.join("/", r.segments())).toList();
    }

    /** Every route as {@code METHOD /pattern ACCESS}, in the order added. */
    public List<String> describeAccess() {
        return routes.stream().map(r -> r.method() + " /" + String.join("/", r.segments()) + " " + r.access()).toList();
    }

    /** Adds every route of {@code other} (its authorizer is not taken over). */
    public Router addAll(Router other) {
        routes.addAll(other.routes);
        return this;
    }

    private static Handler sync(Function<HttpExchange, HttpReply> handler) {
        return exchange -> CompletableFuture.completedFuture(handler.apply(exchange));
    }

    /**
     * The route for {@code method} and the normalized {@code path}; empty if none; a 405 problem if only the method
     * differs.
     */
    Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = matchSegments(route.segments, segments);
            if (params != null) {
                if (route.method.equals(method)) {
                    return Optional.of(new Match(route.handler, params, route.access, route.crossSite));
                }
                pathMatched = true;
            }
        }
        if (pathMatched) {
            throw new HttpProblem(405, "method " + method + " not allowed on " + path);
        }
        return Optional.empty();
    }

    private static Map<String, String> matchSegments(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}
