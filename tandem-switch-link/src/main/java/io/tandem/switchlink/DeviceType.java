package io.tandem.switchlink;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of switch device, named as in the configuration file. */
public enum DeviceType {
    /** A desk phone. */
    PHONE("phone"),
    /** A CUCM CTI Remote Device ("CiscoRemoteTerminal"): a virtual device whose calls go to a remote destination. */
    CTI_REMOTE_DEVICE("cti-remote-device"),
    /** A CTI port (a virtual phone controlled by an application). */
    CTI_PORT("cti-port"),
    /** A CTI route point. */
    ROUTE_POINT("route-point");

    private final String configName;

    DeviceType(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration and in the switch control API. */
    public String configName() {
        return configName;
    }

    /** The type with this configuration name. */
    public static Optional<DeviceType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst();
    }
}
