package io.tandem.ucm.model;

/** The state of one party's connection to a call (JTAPI connection states, with hold). */
public enum PartyState {
    /** Calling out; for a remote terminal making a call, its remote destination is being called first. */
    DIALING,
    /** Being offered the call. */
    ALERTING,
    /** In the call. */
    CONNECTED,
    /** Holding the call. */
    HELD,
    /** A route point holding the call while a routing application chooses where it goes (a route session). */
    ROUTING,
    /** The called party was busy or unreachable; waits for the caller to release. */
    BUSY
}
