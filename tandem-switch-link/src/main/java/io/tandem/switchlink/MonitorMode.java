package io.tandem.switchlink;

/** How a supervisor takes part in an agent's call. */
public enum MonitorMode {
    /** Hears both sides, heard by nobody (JTAPI silent monitoring). */
    SILENT,
    /** Hears both sides, heard by the agent only (JTAPI whisper: coaching). */
    WHISPER,
    /**
     * Joins the call, heard by everyone. CUCM offers no barge through CTI: the embedded switch adds the supervisor as a
     * conference party.
     */
    BARGE
}
