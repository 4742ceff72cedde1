package io.tandem.ucm.model;

import io.tandem.switchlink.CallKind;
import java.util.List;

/**
 * A snapshot of one call for the switch control API.
 *
 * @param callId the switch call ID
 * @param kind the kind of call
 * @param state DIALING, ALERTING, CONNECTED, FAILED (the destination was busy or unknown) or DISCONNECTED
 * @param alerting the number that rings (a phone DN, a remote destination or a network number), or null
 * @param parties the parties still on the call
 * @param cause why the call failed or ended, or null while it is up
 */
public record CallView(long callId, CallKind kind, String state, String alerting, List<PartyView> parties, String cause) {

    /**
     * One party.
     *
     * @param address its DN or network number
     * @param device its device, or null for a network party
     * @param state its connection state
     * @param remoteDestination for a remote terminal: the remote destination number through which it takes part
     */
    public record PartyView(String address, String device, PartyState state, String remoteDestination) {
    }

    /** The state of the party at {@code address}, or null when it is not on the call. */
    public PartyState stateOf(String address) {
        return parties.stream().filter(p -> p.address().equals(address) || address.equals(p.remoteDestination()))
                .map(PartyView::state).findFirst().orElse(null);
    }
}
