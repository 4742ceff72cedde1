package io.tandem.ucm.model;

/** The state of a switch call, as the control API reports it. */
public enum CallState {
    /** The called party (a phone or a remote destination) is ringing. */
    ALERTING,
    /** Answered. */
    CONNECTED,
    /** The switch could not offer the call; see the cause. */
    FAILED,
    /** Ended. */
    DISCONNECTED
}
