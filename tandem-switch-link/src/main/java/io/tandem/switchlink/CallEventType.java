package io.tandem.switchlink;

/** What happened to one directory number's part in a call. Each maps to the T-Library event of the same name. */
public enum CallEventType {
    /** The DN is calling out (EventDialing). */
    DIALING,
    /** A call is offered to the DN (EventRinging). */
    RINGING,
    /** The DN's call left the switch towards a network party (EventNetworkReached). */
    NETWORK_REACHED,
    /** The call was answered (EventEstablished). */
    ESTABLISHED,
    /** The DN left the call (EventReleased). */
    RELEASED,
    /** The caller hung up before the ringing DN answered (EventAbandoned). */
    ABANDONED,
    /** The called party is busy or cannot be reached (EventDestinationBusy). */
    DESTINATION_BUSY,
    /** The DN put the call on hold (EventHeld). */
    HELD,
    /** The DN took the call off hold (EventRetrieved). */
    RETRIEVED,
    /** The DN's call changed: merged by a transfer, or its other party changed (EventPartyChanged). */
    PARTY_CHANGED,
    /** A party joined the DN's call (EventPartyAdded). */
    PARTY_ADDED,
    /** A party left the DN's conference call (EventPartyDeleted). */
    PARTY_DELETED,
    /** The DN sent DTMF digits (EventDTMFSent). */
    DTMF_SENT,
    /**
     * The call waits at a route point whose route callback is registered, for a route (JTAPI {@code RouteEvent}; the
     * CTI server's EventRouteRequest): the event is the route point DN's; {@code otherParty} is the caller.
     */
    ROUTE_REQUEST,
    /**
     * The route point's session ended with the call routed (JTAPI {@code RouteUsedEvent}; EventRouteUsed): the event is
     * the route point DN's; {@code otherParty} is where the call went.
     */
    ROUTE_USED,
    /** The call no longer exists on the switch (no T-Library event; lets the CTI server forget it). */
    CALL_CLEARED
}
