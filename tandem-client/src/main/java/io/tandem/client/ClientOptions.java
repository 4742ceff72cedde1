package io.tandem.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a client connects.
 *
 * @param uri {@code tcp://host:port} for the CTI port, or {@code ws://host:port/cti} for WebSocket
 * @param applicationName the ApplicationName sent in RequestRegisterClient
 * @param password the Password, or null when the server requires none
 * @param clientIdentity a stable identity of this client, or null
 * @param requestTimeout how long a request waits for its answering event
 */
public record ClientOptions(URI uri, String applicationName, String password, String clientIdentity, Duration requestTimeout) {

    /** Checks the fields. */
    public ClientOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(applicationName, "applicationName");
        if (!"tcp".equals(uri.getScheme()) && !"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be tcp://host:port or ws://host:port/cti, was " + uri);
        }
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    }

    /** Options for the CTI port. */
    public static ClientOptions tcp(String host, int port, String applicationName) {
        return new ClientOptions(URI.create("tcp://" + host + ":" + port), applicationName, null, null, null);
    }

    /** Options for WebSocket on the HTTP port. */
    public static ClientOptions webSocket(String host, int httpPort, String applicationName) {
        return new ClientOptions(URI.create("ws://" + host + ":" + httpPort + "/cti"), applicationName, null, null, null);
    }

    /** A copy with a password. */
    public ClientOptions withPassword(String newPassword) {
        return new ClientOptions(uri, applicationName, newPassword, clientIdentity, requestTimeout);
    }

    /** A copy with a client identity. */
    public ClientOptions withClientIdentity(String identity) {
        return new ClientOptions(uri, applicationName, password, identity, requestTimeout);
    }
}
