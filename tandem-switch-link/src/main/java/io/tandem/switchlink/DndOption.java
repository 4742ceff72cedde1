package io.tandem.switchlink;

import java.util.Arrays;
import java.util.Optional;

/**
 * What Do Not Disturb does to a device's incoming calls (CUCM's "DND Option" of a phone: JTAPI
 * {@code CiscoTerminal.getDNDOption}).
 */
public enum DndOption {
    /** Calls still ring, silently: the call is presented as usual (CUCM "Ringer Off"). */
    RINGER_OFF("ringer-off"),
    /** Calls are refused: the caller gets busy, cause USER_BUSY (CUCM "Call Reject"). */
    CALL_REJECT("call-reject");

    private final String configName;

    DndOption(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration, on the switch link and in the control API. */
    public String configName() {
        return configName;
    }

    /** The option with this configuration name. */
    public static Optional<DndOption> fromConfigName(String name) {
        return Arrays.stream(values()).filter(o -> o.configName.equals(name)).findFirst();
    }
}
