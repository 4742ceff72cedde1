package io.tandem.common.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request checks. A browser names the page that sends a request in {@code Origin}; a change (any
 * method but GET) or a WebSocket upgrade from a page of another origin is refused, unless that origin is allowed
 * by configuration. Requests without {@code Origin} come from tools, not from pages, and pass. A change with a
 * body must also say {@code Content-Type: application/json}, which a cross-site form or "simple" fetch cannot.
 */
final class Origins {

    private Origins() {
    }

    /** 403 when {@code exchange} comes from a page whose origin is neither the server's own nor allowed. */
    static Optional<HttpReply> refusal(HttpExchange exchange, Set<String> allowed) {
        Optional<String> origin = exchange.header("origin");
        if (origin.isEmpty() || sameOrigin(origin.get(), exchange.header("host").orElse("")) || allowed.contains(origin.get())) {
            return Optional.empty();
        }
        return Optional.of(HttpReply.error(403, "cross-origin request refused: Origin " + origin.get()
                + " is not this server (add it to the allowed origins to permit it)"));
    }

    /** 415 when {@code exchange} has a body that is not declared as JSON. */
    static Optional<HttpReply> notJson(HttpExchange exchange) {
        if (exchange.body().length == 0) {
            return Optional.empty();
        }
        String type = exchange.header("content-type").orElse("");
        int semicolon = type.indexOf(';');
        String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") ? Optional.empty()
                : Optional.of(HttpReply.error(415, "a request body here must be sent with Content-Type: application/json (was '" + type + "')"));
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null || host.isEmpty()) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            URI hostUri = new URI("http://" + host);
            int hostPort = hostUri.getPort() >= 0 ? hostUri.getPort() : port;
            return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && port == hostPort;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
