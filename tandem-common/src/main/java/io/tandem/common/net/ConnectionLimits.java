package io.tandem.common.net;

import java.time.Duration;

/**
 * The bounds of one listening port.
 *
 * @param maxConnections connections open at once on the port; one more is closed at once
 * @param maxPerAddress connections open at once from one remote address
 * @param authenticationDeadline how long a new connection may take to authenticate (RequestRegisterClient, the
 *     link's open, the sync link's hello; for HTTP: to send a complete request) before it is closed
 */
public record ConnectionLimits(int maxConnections, int maxPerAddress, Duration authenticationDeadline) {

    /** Checks the bounds. */
    public ConnectionLimits {
        if (maxConnections < 1 || maxPerAddress < 1 || maxPerAddress > maxConnections) {
            throw new IllegalArgumentException("connection limits must be positive and the per-address one at most the global one; were "
                    + maxConnections + " and " + maxPerAddress);
        }
        if (authenticationDeadline.isNegative() || authenticationDeadline.isZero()) {
            throw new IllegalArgumentException("the authentication deadline must be positive");
        }
    }

    /** The CTI port's defaults: 5,000 connections, 1,000 from one address, 10 s to send RequestRegisterClient. */
    public static final ConnectionLimits CTI = new ConnectionLimits(5_000, 1_000, Duration.ofSeconds(10));
    /** The HTTP port's defaults: 1,000 connections, 200 from one address, 10 s to send a whole request. */
    public static final ConnectionLimits HTTP = new ConnectionLimits(1_000, 200, Duration.ofSeconds(10));
    /** The switch link port's defaults: 64 links, 16 from one address, 10 s to open the link. */
    public static final ConnectionLimits LINK = new ConnectionLimits(64, 16, Duration.ofSeconds(10));
    /** The sync link port's defaults: 4 connections, 2 from one address, 10 s to say hello. */
    public static final ConnectionLimits SYNC = new ConnectionLimits(4, 2, Duration.ofSeconds(10));

    /** A copy with other connection counts. */
    public ConnectionLimits withConnections(int max, int perAddress) {
        return new ConnectionLimits(max, perAddress, authenticationDeadline);
    }

    /** A copy with another deadline. */
    public ConnectionLimits withDeadline(Duration deadline) {
        return new ConnectionLimits(maxConnections, maxPerAddress, deadline);
    }
}
