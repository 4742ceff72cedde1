/**
 * Route points (CTI route points on CUCM): a call to a {@code RoutingPoint} DN waits at the switch while this server asks
 * the routing applications registered on it where it goes (EventRouteRequest), carries out their answer
 * (RequestRouteCall: route, queue in a {@code VirtualQueue}, or reject), and routes to the route point's default DN when
 * no router answers in time or none is registered. {@link io.tandem.server.route.RoutingDesk} owns the route sessions on
 * the core thread; {@link io.tandem.server.route.RouteRequests} handles RequestRouteCall. Sessions are not replicated:
 * the switch holds the call, and when a new primary registers its route callback the switch reports the waiting calls
 * again, so its routers are asked again (docs/protocol.md, "Route points").
 */
package io.tandem.server.route;
