package io.tandem.server.route;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One call waiting at a route point for a route. Core thread only.
 */
final class RouteSession {

    final long callId;
    final String connId;
    final String routePoint;
    final String callType;
    final Instant since;
    ScheduledFuture<?> routerTimer;
    /** The virtual queue the call was put in, or null. */
    String queue;
    /** Why the server routed it itself ({@code Timeout}, {@code NoRouter}), or null while a router's answer is awaited. */
    String defaultReason;

    RouteSession(long callId, String connId, String routePoint, String callType, Instant since) {
        this.callId = callId;
        this.callType = callType;
        this.connId = connId;
        this.routePoint = routePoint;
        this.since = since;
    }

    void stopRouterTimer() {
        if (routerTimer != null) {
            routerTimer.cancel(false);
            routerTimer = null;
        }
    }
}
