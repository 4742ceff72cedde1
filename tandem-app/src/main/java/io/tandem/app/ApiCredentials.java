package io.tandem.app;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code --user NAME:PASSWORD} of the commands that call an HTTP API (phone, ha), sent as HTTP Basic. */
final class ApiCredentials {

    private ApiCredentials() {
    }

    /** {@code request} with an Authorization header for {@code user}, when one is given. */
    static HttpRequest.Builder authorized(HttpRequest.Builder request, String user) {
        if (user != null && !user.isBlank()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
