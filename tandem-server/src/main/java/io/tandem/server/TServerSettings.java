package io.tandem.server;

import io.tandem.protocol.codec.ProtocolLimits;
import io.tandem.server.ha.HaSettings;
import java.time.Clock;
import java.time.Duration;

/**
 * How a CTI server process runs.
 *
 * @param host the address to bind
 * @param ctiPort the CTI (TCP) port, 0 for any free port
 * @param httpPort the HTTP port, 0 for any free port
 * @param name the server name reported to clients
 * @param ha the role and the synchronization link to the peer server
 * @param limits client protocol limits
 * @param linkRetryMin first delay before reopening a lost switch link
 * @param linkRetryMax longest delay between attempts
 * @param clock the clock for event timestamps
 * @param security connection limits, deadlines and allowed browser origins of the ports
 */
public record TServerSettings(String host, int ctiPort, int httpPort, String name, HaSettings ha, ProtocolLimits limits,
        Duration linkRetryMin, Duration linkRetryMax, Clock clock, PortSecurity security) {

    /** Settings with the default {@link PortSecurity}. */
    public TServerSettings(String host, int ctiPort, int httpPort, String name, HaSettings ha, ProtocolLimits limits,
            Duration linkRetryMin, Duration linkRetryMax, Clock clock) {
        this(host, ctiPort, httpPort, name, ha, limits, linkRetryMin, linkRetryMax, clock, PortSecurity.DEFAULT);
    }

    /** Defaults: loopback only, ports 7000 and 8080, 64 KiB frames. */
    public static TServerSettings defaults() {
        return new TServerSettings("127.0.0.1", 7000, 8080, "tandem", HaSettings.standalone(), ProtocolLimits.DEFAULT,
                Duration.ofMillis(500), Duration.ofSeconds(5), Clock.systemUTC());
    }

    /** A copy with other port security. */
    public TServerSettings withSecurity(PortSecurity other) {
        return new TServerSettings(host, ctiPort, httpPort, name, ha, limits, linkRetryMin, linkRetryMax, clock, other);
    }

    /** A copy with other HA settings. */
    public TServerSettings withHa(HaSettings other) {
        return new TServerSettings(host, ctiPort, httpPort, name, other, limits, linkRetryMin, linkRetryMax, clock, security);
    }

    /** A copy with other ports. */
    public TServerSettings withPorts(String host, int ctiPort, int httpPort) {
        return new TServerSettings(host, ctiPort, httpPort, name, ha, limits, linkRetryMin, linkRetryMax, clock, security);
    }
}
