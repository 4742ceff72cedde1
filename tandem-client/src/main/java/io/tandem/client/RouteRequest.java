package io.tandem.client;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A route request as a router sees it (EventRouteRequest), and the requests that answer it. Works with
 * {@link TandemClient} and {@link HotStandbyClient} alike: listen with {@link #listener}, answer with the messages of
 * {@link #route}, {@link #reject} and {@link #queue}.
 *
 * @param routePoint the route point (ThisDN)
 * @param connId the call's ConnID
 * @param callId the switch call ID
 * @param callType Inbound, Internal, Consult...
 * @param ani the caller
 * @param dnis the number called
 * @param userData the call's UserData
 * @param previousConnId for a consultation call, the call it consults from; else null
 */
public record RouteRequest(String routePoint, String connId, long callId, String callType, String ani, String dnis,
        KeyValueList userData, String previousConnId) {

    /** The route request {@code event} carries, if it is an EventRouteRequest. */
    public static Optional<RouteRequest> of(Message event) {
        if (event.type() != MessageType.EVENT_ROUTE_REQUEST) {
            return Optional.empty();
        }
        return Optional.of(new RouteRequest(event.thisDn(), event.string(Attribute.CONN_ID).orElse(null),
                event.integer(Attribute.CALL_ID).orElse(0L), event.string(Attribute.CALL_TYPE).orElse(null),
                event.string(Attribute.ANI).orElse(null), event.string(Attribute.DNIS).orElse(null), event.kvList(Attribute.USER_DATA),
                event.string(Attribute.PREVIOUS_CONN_ID).orElse(null)));
    }

    /** An event listener that hands every route request to {@code router}. */
    public static EventListener listener(Consumer<RouteRequest> router) {
        return event -> of(event).ifPresent(router);
    }

    /** RequestRouteCall routing this call to {@code destination}. */
    public Message route(String destination) {
        return builder().put(Attribute.OTHER_DN, destination).build();
    }

    /** RequestRouteCall routing this call to {@code destination}, leaving virtual queue {@code queue}. */
    public Message route(String destination, String queue) {
        return builder().put(Attribute.OTHER_DN, destination).put(Attribute.EXTENSIONS, KeyValueList.ofStrings("VQ", queue)).build();
    }

    /** RequestRouteCall with RouteType Reject: the caller gets busy. */
    public Message reject() {
        return builder().put(Attribute.ROUTE_TYPE, "Reject").build();
    }

    /** RequestRouteCall putting this call in virtual queue {@code queue}: it waits on at the route point. */
    public Message queue(String queue) {
        return builder().put(Attribute.EXTENSIONS, KeyValueList.ofStrings("VQ", queue)).build();
    }

    private Message.Builder builder() {
        return Message.builder(MessageType.REQUEST_ROUTE_CALL).put(Attribute.THIS_DN, routePoint).put(Attribute.CONN_ID, connId);
    }
}
