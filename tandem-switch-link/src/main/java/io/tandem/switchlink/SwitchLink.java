package io.tandem.switchlink;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An open link to a switch, authenticated as one application user (a JTAPI provider, in CUCM terms).
 *
 * <p>Ordering guarantee: the events a request causes are delivered to the listener before the
 * request's future completes. The active remote destination a link sets belongs to that link: when the
 * link closes, the switch clears it.
 */
public interface SwitchLink extends AutoCloseable {

    /** A switch-assigned identifier of this link, for logs. */
    String linkId();

    /** The controlled devices as they were when the link opened. */
    List<DeviceSnapshot> devices();

    /**
     * Adds a remote destination to a CTI remote device (CUCM {@code addRemoteDestination}).
     *
     * @param device the CTI remote device
     * @param name the destination's name
     * @param number the destination's number
     * @param active whether to make it the active destination
     * @return completes when done, or exceptionally with a {@link SwitchException}
     */
    CompletableFuture<Void> addRemoteDestination(String device, String name, String number, boolean active);

    /**
     * Makes a remote destination active or inactive (CUCM {@code setActiveRemoteDestination}). Making one
     * active makes any other inactive.
     */
    CompletableFuture<Void> setActiveRemoteDestination(String device, String number, boolean active);

    /** At most this many items in one {@link #setActiveRemoteDestinations} request. */
    int MAX_ACTIVE_DESTINATIONS = 1000;

    /**
     * Makes several remote destinations active or inactive in one request, as a CTI server does when it sets again every
     * terminal its pair controlled (a takeover). Each item is carried out as {@link #setActiveRemoteDestination} would
     * carry it out on its own, and refused on its own; the events of every item are delivered before the future
     * completes. This default sends one request per item (what an adapter for a switch without such a verb does); the
     * embedded switch applies them all in one write transaction.
     *
     * @param changes at most {@link #MAX_ACTIVE_DESTINATIONS} items
     * @return completes with each item's outcome, in the order of {@code changes}; exceptionally with INVALID_ARGUMENT
     *     (too many items; none is carried out) or LINK_DOWN (the link failed before the answer: which items were carried
     *     out is then told by the events only)
     */
    default CompletableFuture<List<VerbOutcome>> setActiveRemoteDestinations(List<ActiveDestination> changes) {
        if (changes.size() > MAX_ACTIVE_DESTINATIONS) {
            return CompletableFuture.failedFuture(new SwitchException(SwitchError.INVALID_ARGUMENT, changes.size()
                    + " remote destinations in one request; at most " + MAX_ACTIVE_DESTINATIONS));
        }
        List<CompletableFuture<VerbOutcome>> each = changes.stream()
                .map(c -> setActiveRemoteDestination(c.device(), c.number(), c.active())
                        .handle((ok, error) -> error == null ? VerbOutcome.DONE : VerbOutcome.of(SwitchException.unwrap(error))))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
    }

    /** Removes a remote destination (CUCM {@code removeRemoteDestination}). */
    CompletableFuture<Void> removeRemoteDestination(String device, String number);

    /**
     * Claims the primary role among the open links of this link's application user: the switch is the
     * witness that lets exactly one CTI server of a primary/backup pair act at a time. Granted when no other
     * open link holds it (again to the holder); the switch frees it when the holding link closes.
     *
     * @return completes when granted, or exceptionally with {@link SwitchError#PRIMARY_HELD}
     */
    CompletableFuture<Void> claimPrimary();

    /**
     * Gives up the primary role (operator switchover): the switch frees it and clears the active remote
     * destinations this link set, as if the link had closed.
     */
    CompletableFuture<Void> releasePrimary();

    /**
     * Turns a device's Do Not Disturb on or off (CUCM {@code CiscoTerminal.setDNDStatus}); the device's configured
     * {@link DndOption} decides what callers get. Reported to every link that controls the device with
     * {@link SwitchEvent.DoNotDisturbChanged}. While an Extension Mobility user is logged in, the status belongs to the
     * user's device profile (kept for the next login), not to the phone.
     *
     * @return completes when done, or exceptionally with DEVICE_NOT_FOUND, DEVICE_NOT_CONTROLLED,
     *     DEVICE_OUT_OF_SERVICE or ALREADY_SET (the status is already {@code on})
     */
    CompletableFuture<Void> setDoNotDisturb(String device, boolean on);

    /**
     * Sets or cancels Call Forward All of a directory number (CUCM {@code CallControlAddress.setForwarding} and
     * {@code cancelForwarding}: through CTI only Call Forward All). Calls to {@code dn} then go to {@code destination}
     * without ringing it. Reported with {@link SwitchEvent.ForwardAllChanged}; persisted by the switch.
     *
     * @param dn a directory number on a device the link controls
     * @param destination where calls go, or null to cancel (cancelling when none is set succeeds and changes nothing)
     * @return completes when done, or exceptionally with DEVICE_NOT_FOUND, DEVICE_NOT_CONTROLLED or UNROUTABLE (the
     *     destination is the DN itself, cannot be routed, or would close a forwarding loop)
     */
    CompletableFuture<Void> setForwardAll(String dn, String destination);

    /**
     * Registers this link's route callback on a route point (JTAPI {@code RouteAddress.registerRouteCallback}): from now on
     * calls to it wait there and are reported with a ROUTE_REQUEST call event, to be routed with the SELECT_ROUTE or
     * END_ROUTE call verbs; calls already waiting there (their callback's link went away) are reported again. The
     * callback is the link's: it goes when the link closes.
     *
     * @param dn the route point's directory number
     * @return completes when done, or exceptionally with DEVICE_NOT_FOUND, DEVICE_NOT_CONTROLLED, INVALID_ARGUMENT (not a
     *     route point) or INVALID_STATE (another link's callback is registered there)
     */
    CompletableFuture<Void> registerRouteCallback(String dn);

    /** Unregisters this link's route callback from a route point; calls waiting there wait on for their select-route timer. */
    CompletableFuture<Void> unregisterRouteCallback(String dn);

    /**
     * Starts or stops recording a party of a call. Allowed when the link controls the party's device directly or through a
     * device profile logged in there, its application user has the recording right (else NOT_PERMITTED), and the line's
     * recording option is {@code application} (else RECORDING_NOT_ENABLED); a start needs the party connected
     * (INVALID_STATE) and not recorded already, a stop a recording (ALREADY_SET otherwise). A start that cannot get media
     * (a CTI remote device without a gateway source, a recorder the switch cannot reach) is accepted and reported FAILED.
     */
    CompletableFuture<Void> record(RecordingRequest request);

    /**
     * Starts, changes or stops a supervisor's monitoring of an agent's call. Needs the link to control both devices and
     * its application user's monitoring right (NOT_PERMITTED); a start needs the agent connected on the call
     * (INVALID_STATE), the call not monitored already (INVALID_STATE), the agent on a phone (NO_BUILT_IN_BRIDGE for a CTI
     * remote device) and the supervisor's phone idle (DESTINATION_BUSY); an update a silent or whisper monitoring.
     */
    CompletableFuture<Void> monitor(MonitorRequest request);

    /** Closes the link; the switch clears the active remote destinations this link set. */
    @Override
    void close();

    /**
     * Call-control verbs. Each carries a {@code correlation} chosen by the caller; every call event the verb
     * causes carries it back, so that the CTI server can tell which request caused which event.
     */
    CompletableFuture<Long> call(CallRequest request);
}
