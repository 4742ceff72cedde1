package io.tandem.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The T-Library agent work modes, by the names the AgentWorkMode attribute carries on the wire. */
public enum AgentWorkMode {
    UNKNOWN("Unknown"),
    MANUAL_IN("ManualIn"),
    AUTO_IN("AutoIn"),
    AFTER_CALL_WORK("AfterCallWork"),
    AUX_WORK("AuxWork"),
    NO_CALL_DISCONNECT("NoCallDisconnect"),
    WALK_AWAY("WalkAway"),
    RETURN_BACK("ReturnBack");

    private final String wireName;

    AgentWorkMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, for example {@code ManualIn}. */
    public String wireName() {
        return wireName;
    }

    /** The mode named {@code name} on the wire (exact spelling), if there is one. */
    public static Optional<AgentWorkMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
