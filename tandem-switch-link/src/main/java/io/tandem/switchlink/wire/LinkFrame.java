package io.tandem.switchlink.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import java.util.List;

/** One message on the switch link. Each is one JSON object per line with a {@code "t"} type field. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LinkFrame.Open.class, name = "open"),
    @JsonSubTypes.Type(value = LinkFrame.Opened.class, name = "opened"),
    @JsonSubTypes.Type(value = LinkFrame.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = LinkFrame.AddRemoteDestination.class, name = "addRemoteDestination"),
    @JsonSubTypes.Type(value = LinkFrame.SetActiveRemoteDestination.class, name = "setActiveRemoteDestination"),
    @JsonSubTypes.Type(value = LinkFrame.SetActiveRemoteDestinations.class, name = "setActiveRemoteDestinations"),
    @JsonSubTypes.Type(value = LinkFrame.RemoveRemoteDestination.class, name = "removeRemoteDestination"),
    @JsonSubTypes.Type(value = LinkFrame.Call.class, name = "call"),
    @JsonSubTypes.Type(value = LinkFrame.SetDoNotDisturb.class, name = "setDoNotDisturb"),
    @JsonSubTypes.Type(value = LinkFrame.SetForwardAll.class, name = "setForwardAll"),
    @JsonSubTypes.Type(value = LinkFrame.RouteCallback.class, name = "routeCallback"),
    @JsonSubTypes.Type(value = LinkFrame.Record.class, name = "record"),
    @JsonSubTypes.Type(value = LinkFrame.Monitor.class, name = "monitor"),
    @JsonSubTypes.Type(value = LinkFrame.ClaimPrimary.class, name = "claimPrimary"),
    @JsonSubTypes.Type(value = LinkFrame.ReleasePrimary.class, name = "releasePrimary"),
    @JsonSubTypes.Type(value = LinkFrame.Done.class, name = "done"),
    @JsonSubTypes.Type(value = LinkFrame.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = LinkFrame.Outcomes.class, name = "outcomes"),
    @JsonSubTypes.Type(value = LinkFrame.Event.class, name = "event"),
    @JsonSubTypes.Type(value = LinkFrame.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = LinkFrame.Pong.class, name = "pong")
})
public sealed interface LinkFrame {

    /** A request that the switch answers with {@link Done} (or {@link Outcomes}) or {@link Failed} carrying the same id. */
    sealed interface Request extends LinkFrame {
        /** The request id, unique on the link. */
        long id();
    }

    /** Client to switch, first frame: open the link as an application user. */
    record Open(String applicationUser, String password) implements LinkFrame {
    }

    /** Switch to client: the link is open. */
    record Opened(String linkId, List<DeviceSnapshot> devices) implements LinkFrame {
    }

    /** Switch to client: the link was not opened; the connection closes. */
    record Refused(SwitchError error, String message) implements LinkFrame {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#addRemoteDestination}. */
    record AddRemoteDestination(long id, String device, String name, String number, boolean active) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#setActiveRemoteDestination}. */
    record SetActiveRemoteDestination(long id, String device, String number, boolean active) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#setActiveRemoteDestinations}; answered with {@link Outcomes} or {@link Failed}. */
    record SetActiveRemoteDestinations(long id, List<io.tandem.switchlink.ActiveDestination> changes) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#removeRemoteDestination}. */
    record RemoveRemoteDestination(long id, String device, String number) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#call}. */
    record Call(long id, io.tandem.switchlink.CallRequest request) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#setDoNotDisturb}. */
    record SetDoNotDisturb(long id, String device, boolean on) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#setForwardAll}. */
    record SetForwardAll(long id, String dn, String destination) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#registerRouteCallback} ({@code register} true) and {@code unregisterRouteCallback}. */
    record RouteCallback(long id, String dn, boolean register) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#monitor}. */
    record Monitor(long id, io.tandem.switchlink.MonitorRequest request) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#record}. */
    record Record(long id, io.tandem.switchlink.RecordingRequest request) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#claimPrimary}. */
    record ClaimPrimary(long id) implements Request {
    }

    /** See {@link io.tandem.switchlink.SwitchLink#releasePrimary}. */
    record ReleasePrimary(long id) implements Request {
    }

    /** Switch to client: request {@code id} succeeded; {@code value} is the call ID for call verbs that create one. */
    record Done(long id, Long value) implements LinkFrame {
    }

    /** Switch to client: request {@code id} failed. */
    record Failed(long id, SwitchError error, String message) implements LinkFrame {
    }

    /** Switch to client: request {@code id}, which carried several items, was carried out; each item's outcome in order. */
    record Outcomes(long id, List<io.tandem.switchlink.VerbOutcome> outcomes) implements LinkFrame {
    }

    /** Switch to client: a device event. */
    record Event(SwitchEvent event) implements LinkFrame {
    }

    /** Either side: are you there? */
    record Ping() implements LinkFrame {
    }

    /** Either side: yes. */
    record Pong() implements LinkFrame {
    }
}
