package io.tandem.common.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Maps method and path patterns such as {@code /api/switch/devices/{name}} to handlers. */
public final class Router {

    /** A route handler; it may answer later through the future. */
    @FunctionalInterface
    public interface Handler extends Function<HttpExchange, CompletableFuture<HttpReply>> {
    }

    /** A matched route. */
    record Match(Handler handler, Map<String, String> params) {
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    /**
     * Checks a request before its route runs: a reply refuses it (401, 403, ...), empty lets it through. It
     * answers through a future so that slow checks (a password hash) need not run on an I/O thread.
     */
    @FunctionalInterface
    public interface Guard {
        CompletableFuture<Optional<HttpReply>> check(HttpExchange exchange);
    }

    private record Guarded(String pathPrefix, Guard guard) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Guarded> guards = new ArrayList<>();

    /** Every request whose path starts with {@code pathPrefix} must pass {@code guard} first. */
    public Router guard(String pathPrefix, Guard guard) {
        guards.add(new Guarded(pathPrefix, guard));
        return this;
    }

    /** The first refusal of a guard covering {@code exchange}'s path, if any (guards run one after the other). */
    public CompletableFuture<Optional<HttpReply>> refusal(HttpExchange exchange) {
        CompletableFuture<Optional<HttpReply>> result = CompletableFuture.completedFuture(Optional.empty());
        for (Guarded g : guards) {
            if (exchange.path().startsWith(g.pathPrefix())) {
                result = result.thenCompose(refused -> refused.isPresent() ? CompletableFuture.completedFuture(refused)
                        : g.guard().check(exchange));
            }
        }
        return result;
    }

    /** Adds a route. */
    public Router add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** Adds a GET route answered synchronously. */
    public Router get(String pattern, Function<HttpExchange, HttpReply> handler) {
        return add("GET", pattern, sync(handler));
    }

    /** Adds a POST route answered synchronously. */
    public Router post(String pattern, Function<HttpExchange, HttpReply> handler) {
        return add("POST", pattern, sync(handler));
    }

    /** Every route as {@code METHOD /pattern}, in the order added (for checking the API description against the code). */
    public List<String> describe() {
        return routes.stream().map(r -> r.method() + " /" + String.join("/", r.segments())).toList();
    }

    /** Adds every route of {@code other}. */
    public Router addAll(Router other) {
        routes.addAll(other.routes);
        guards.addAll(other.guards);
        return this;
    }

    private static Handler sync(Function<HttpExchange, HttpReply> handler) {
        return exchange -> CompletableFuture.completedFuture(handler.apply(exchange));
    }

    /** The route for {@code method} and {@code path}; empty if none; a 405 problem if only the method differs. */
    Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = matchSegments(route.segments, segments);
            if (params != null) {
                if (route.method.equals(method)) {
                    return Optional.of(new Match(route.handler, params));
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
