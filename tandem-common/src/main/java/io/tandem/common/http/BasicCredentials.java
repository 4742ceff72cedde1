package io.tandem.common.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an HTTP Basic {@code Authorization} header.
 *
 * @param user the user name
 * @param password the password
 */
public record BasicCredentials(String user, String password) {

    /** The credentials {@code exchange} carries, if its Authorization header is well-formed Basic. */
    public static Optional<BasicCredentials> of(HttpExchange exchange) {
        return exchange.header("authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).flatMap(header -> {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        });
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
