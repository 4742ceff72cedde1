package io.tandem.server.route;

import java.util.List;

/**
 * Route points, virtual queues and the routing rate as the console and the admin API show them.
 *
 * @param routePoints every RoutingPoint DN
 * @param queues every VirtualQueue DN
 * @param routedPerMinute calls routed in each of the last minutes, oldest first
 */
public record RoutingView(List<RoutePointRow> routePoints, List<QueueRow> queues, List<Minute> routedPerMinute) {

    /**
     * One route point.
     *
     * @param dn its DN
     * @param routers how many clients are registered on it (its routers)
     * @param callbackRegistered whether this server's route callback is registered on the switch
     * @param waiting the calls waiting there, oldest first
     */
    public record RoutePointRow(String dn, int routers, boolean callbackRegistered, List<RoutingDesk.WaitingCall> waiting) {
    }

    /**
     * One virtual queue.
     *
     * @param dn its DN
     * @param waiting the calls in it, oldest first
     */
    public record QueueRow(String dn, List<RoutingDesk.WaitingCall> waiting) {
    }

    /**
     * Calls routed in one minute.
     *
     * @param startMillis when the minute starts (epoch milliseconds)
     * @param routed how many calls were routed
     */
    public record Minute(long startMillis, int routed) {
    }
}
