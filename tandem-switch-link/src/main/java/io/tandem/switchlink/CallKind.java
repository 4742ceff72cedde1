package io.tandem.switchlink;

/** What kind of call a switch call is, from the switch's point of view (T-Library CallType). */
public enum CallKind {
    /** Between directory numbers of the switch. */
    INTERNAL,
    /** From a network party to the switch. */
    INBOUND,
    /** From the switch to a network party. */
    OUTBOUND,
    /** A consultation call made while another call is held (transfer or conference). */
    CONSULT,
    /** A supervisor's monitoring call: it listens to another call (silent or whisper). */
    MONITOR
}
