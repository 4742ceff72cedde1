package io.tandem.server;

import io.tandem.common.net.ConnectionLimits;
import java.util.Set;

/**
 * How the CTI server's ports protect themselves (docs/security.md).
 *
 * @param cti the CTI port's connection limits; its deadline is the time a client has to send RequestRegisterClient
 *     (on TCP and on the {@code /cti} WebSocket)
 * @param http the HTTP port's connection limits; its deadline is the time a request may take to arrive
 * @param allowedOrigins browser origins besides the server's own that may send changes and open WebSockets
 * @param tls the certificate for the CTI, HTTP and sync ports, and the certificates trusted on the switch link and the
 *     sync link to the peer
 */
public record PortSecurity(ConnectionLimits cti, ConnectionLimits http, Set<String> allowedOrigins, io.tandem.common.net.TlsConfig tls) {

    /** The defaults: {@link ConnectionLimits#CTI}, {@link ConnectionLimits#HTTP}, no other origin, no TLS. */
    public static final PortSecurity DEFAULT = new PortSecurity(ConnectionLimits.CTI, ConnectionLimits.HTTP, Set.of(),
            io.tandem.common.net.TlsConfig.NONE);

    /** Copies the origins. */
    public PortSecurity {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** A copy with other CTI limits. */
    public PortSecurity withCti(ConnectionLimits limits) {
        return new PortSecurity(limits, http, allowedOrigins, tls);
    }

    /** A copy with other HTTP limits. */
    public PortSecurity withHttp(ConnectionLimits limits) {
        return new PortSecurity(cti, limits, allowedOrigins, tls);
    }

    /** A copy with other TLS files. */
    public PortSecurity withTls(io.tandem.common.net.TlsConfig other) {
        return new PortSecurity(cti, http, allowedOrigins, other);
    }

    /** A copy with other allowed origins. */
    public PortSecurity withAllowedOrigins(Set<String> origins) {
        return new PortSecurity(cti, http, origins, tls);
    }
}
