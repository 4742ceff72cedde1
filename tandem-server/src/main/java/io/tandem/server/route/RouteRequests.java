package io.tandem.server.route;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.config.DnType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.request.Precondition;
import io.tandem.server.request.RequestDispatcher;
import io.tandem.server.request.RequestHandlers;
import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * RequestRouteCall: a router's answer to EventRouteRequest. RouteType {@code Default} (or none) routes the call to OtherDN,
 * {@code Reject} ends the route session (the caller gets busy); {@code Extensions.VQ} puts the call in a virtual queue
 * (alone: it waits on at the route point). Primary only, with the switch link up. Core thread only.
 */
public final class RouteRequests {

    /** T-Library's other route types (TRouteType): known, not supported on CUCM route points. */
    private static final Set<String> OTHER_ROUTE_TYPES = Set.of("Unknown", "Label", "OverwriteDNIS", "DDD", "IDDD", "Direct",
            "Announcement", "PostFeature", "DirectAgent", "Priority", "DirectPriority", "AgentID", "CallDisconnect");

    private final RoutingDesk desk;
    private final CallRegistry calls;
    private final DnDirectory directory;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final Executor coreThread;

    /** Requests on {@code desk}'s sessions, carried out on the switch of {@code link}. */
    public RouteRequests(RoutingDesk desk, CallRegistry calls, DnDirectory directory, EventSender sender,
            Supplier<Optional<SwitchLink>> link, Executor coreThread) {
        this.desk = desk;
        this.calls = calls;
        this.directory = directory;
        this.sender = sender;
        this.link = link;
        this.coreThread = coreThread;
    }

    /** Registers RequestRouteCall. */
    public void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_ROUTE_CALL, EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY,
                Precondition.THIS_DN_REGISTERED, Precondition.SWITCH_LINK_UP), this::routeCall);
    }

    private void routeCall(ClientSession client, Message r) {
        String rp = r.thisDn();
        if (directory.find(rp).map(DirectoryNumber::type).filter(t -> t == DnType.RoutingPoint).isEmpty()) {
            throw new CtiRequestException(ErrorCode.INCOMPATIBLE_WITH_OBJECT, "RequestRouteCall is for RoutingPoint DNs; " + rp + " is not one");
        }
        String routeType = r.string(Attribute.ROUTE_TYPE).orElse("Default");
        if (OTHER_ROUTE_TYPES.contains(routeType)) {
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, "RouteType " + routeType
                    + " is not supported: CUCM route points route to a destination (Default) or reject (Reject)");
        }
        if (!routeType.equals("Default") && !routeType.equals("Reject")) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown RouteType '" + routeType + "' (Default or Reject)");
        }
        String connId = r.string(Attribute.CONN_ID).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "RequestRouteCall requires ConnID"));
        CallRecord record = calls.byConnId(connId).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_CONN_ID,
                "unknown ConnID " + connId));
        RouteSession session = desk.session(record.callId(), rp).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_CONN_ID,
                "call " + connId + " is not waiting at route point " + rp + " (routed already, or gone)"));
        String queue = queueOf(r);
        String destination = r.string(Attribute.OTHER_DN).filter(d -> !d.isBlank()).orElse(null);
        if (routeType.equals("Default") && destination == null && queue == null) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "RequestRouteCall requires OtherDN, the destination"
                    + " (or Extensions.VQ alone to queue the call)");
        }
        if (queue != null) {
            desk.queue(session, queue, record);
        }
        Long referenceId = r.referenceId().orElse(null);
        if (routeType.equals("Default") && destination == null) {
            sender.send(client, Message.builder(MessageType.EVENT_ACK).putIfPresent(Attribute.REFERENCE_ID, referenceId)
                    .put(Attribute.THIS_DN, rp).put(Attribute.CONN_ID, connId).build());
            return;
        }
        SwitchLink sw = link.get().orElseThrow(() -> new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch"));
        CallRequest verb = routeType.equals("Reject")
                ? new CallRequest(CallRequest.Verb.END_ROUTE, rp, record.callId(), 0, null, null, 0)
                : new CallRequest(CallRequest.Verb.SELECT_ROUTE, rp, record.callId(), 0, destination, null, 0);
        desk.routing(session, client, referenceId);
        sw.call(verb).whenCompleteAsync((id, error) -> {
            if (error != null) {
                desk.routingFailed(record.callId());
                SwitchException failure = SwitchException.unwrap(error);
                sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), failure.getMessage(), referenceId, rp));
            } else if (routeType.equals("Reject")) {
                sender.send(client, Message.builder(MessageType.EVENT_ACK).putIfPresent(Attribute.REFERENCE_ID, referenceId)
                        .put(Attribute.THIS_DN, rp).put(Attribute.CONN_ID, connId).build());
            }
        }, coreThread);
    }

    /** The virtual queue named in Extensions.VQ, checked; null when none. */
    private String queueOf(Message r) {
        Optional<String> vq = r.extensions().getString("VQ");
        if (vq.isEmpty()) {
            return null;
        }
        String queue = vq.get();
        if (directory.find(queue).map(DirectoryNumber::type).filter(t -> t == DnType.VirtualQueue).isEmpty()) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "Extensions.VQ " + queue + " is not a configured VirtualQueue DN");
        }
        return queue;
    }
}
