package io.tandem.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a client connects.
 *
 * @param uri {@code tcp://host:port} for the CTI port, or {@code ws://host:port/cti} for WebSocket; {@code tcps://} and
 *     {@code wss://} for the same over TLS
 * @param applicationName the ApplicationName sent in RequestRegisterClient
 * @param password the Password, or null when the server requires none
 * @param clientIdentity a stable identity of this client, or null
 * @param requestTimeout how long a request waits for its answering event
 * @param trustedCertificates over TLS, a PEM file with the certificates (CAs) the server's certificate must chain to;
 *     null for the JDK's default trust store
 * @param keepAliveInterval dead-peer detection, both ways: after this long without anything read, a Ping; null for none
 * @param keepAliveTimeout how long the answer to a Ping may take before the connection counts as dead
 */
public record ClientOptions(URI uri, String applicationName, String password, String clientIdentity, Duration requestTimeout,
        java.nio.file.Path trustedCertificates, Duration keepAliveInterval, Duration keepAliveTimeout) {

    /** Options without TLS trust settings. */
    public ClientOptions(URI uri, String applicationName, String password, String clientIdentity, Duration requestTimeout) {
        this(uri, applicationName, password, clientIdentity, requestTimeout, null);
    }

    /** Options without keep-alive. */
    public ClientOptions(URI uri, String applicationName, String password, String clientIdentity, Duration requestTimeout,
            java.nio.file.Path trustedCertificates) {
        this(uri, applicationName, password, clientIdentity, requestTimeout, trustedCertificates, null, null);
    }

    /** Checks the fields. */
    public ClientOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(applicationName, "applicationName");
        if (!java.util.Set.of("tcp", "tcps", "ws", "wss").contains(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be tcp://host:port, ws://host:port/cti, or tcps:// or wss:// for TLS, was " + uri);
        }
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        if (keepAliveInterval == null) {
            keepAliveTimeout = null;
        } else {
            keepAliveTimeout = keepAliveTimeout == null ? keepAliveInterval : keepAliveTimeout;
        }
    }

    /**
     * A copy with keep-alive (dead-peer detection, the role of Genesys ADDP): the server polls this client and this
     * client polls the server after {@code interval} without traffic; a poll not answered within {@code timeout} closes
     * the connection (a {@link HotStandbyClient} then fails over).
     */
    public ClientOptions withKeepAlive(Duration interval, Duration timeout) {
        return new ClientOptions(uri, applicationName, password, clientIdentity, requestTimeout, trustedCertificates, interval, timeout);
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
        return new ClientOptions(uri, applicationName, newPassword, clientIdentity, requestTimeout, trustedCertificates,
                keepAliveInterval, keepAliveTimeout);
    }

    /** A copy with a client identity. */
    public ClientOptions withClientIdentity(String identity) {
        return new ClientOptions(uri, applicationName, password, identity, requestTimeout, trustedCertificates,
                keepAliveInterval, keepAliveTimeout);
    }

    /** Options for the CTI port over TLS, trusting the certificates in {@code trusted} (null: the JDK's defaults). */
    public static ClientOptions tls(String host, int port, String applicationName, java.nio.file.Path trusted) {
        return new ClientOptions(URI.create("tcps://" + host + ":" + port), applicationName, null, null, null, trusted);
    }

    /** The Extensions of RequestRegisterClient that ask the server for keep-alive, or null without keep-alive. */
    public io.tandem.protocol.KeyValueList keepAliveExtensions() {
        return keepAliveInterval == null ? null : io.tandem.protocol.KeyValueList.EMPTY
                .with("KEEPALIVE_INTERVAL", keepAliveInterval.toMillis()).with("KEEPALIVE_TIMEOUT", keepAliveTimeout.toMillis());
    }

    /** Whether the connection uses TLS. */
    public boolean usesTls() {
        return uri.getScheme().endsWith("s");
    }
}
