package io.tandem.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * How route points are served when their routers are slow or absent (Genesys T-Server's {@code router-timeout},
 * {@code default-dn} and {@code default-redirection-limit}), server-wide and per route point.
 *
 * @param defaults the server-wide values ({@code tserver.routing})
 * @param perRoutePoint overrides on {@code RoutingPoint} DN entries, by DN
 */
public record RoutingSettings(RoutePointSettings defaults, Map<String, RoutePointSettings> perRoutePoint) {

    /** Genesys' defaults: 10 s, no default DN, 4 default routings. */
    public static final RoutingSettings DEFAULT = new RoutingSettings(
            new RoutePointSettings(Duration.ofSeconds(10), null, 4), Map.of());

    /** Copies the map. */
    public RoutingSettings {
        perRoutePoint = Map.copyOf(perRoutePoint);
    }

    /** What applies to route point {@code dn}. */
    public RoutePointSettings forRoutePoint(String dn) {
        return perRoutePoint.getOrDefault(dn, defaults);
    }

    /**
     * What applies to one route point.
     *
     * @param routerTimeout how long a route request waits for RequestRouteCall before the server routes to the default DN
     * @param defaultDn where the server routes a call that no router answered (timeout) or that no router could be asked
     *     for; null: the call waits for the switch's select-route timer
     * @param redirectionLimit how many times a call may be default-routed before it is released (0: no limit)
     */
    public record RoutePointSettings(Duration routerTimeout, String defaultDn, int redirectionLimit) {
    }
}
