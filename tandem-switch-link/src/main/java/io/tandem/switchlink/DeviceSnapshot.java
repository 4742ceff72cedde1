package io.tandem.switchlink;

import java.util.List;
import java.util.Objects;

/**
 * The state of one controlled device when a link opens.
 *
 * @param name the device name (for example {@code CTIRDagent01} or {@code SEP001122330001})
 * @param type the device type
 * @param model the phone model
 * @param owner the owner user ID (CTI remote devices), or null
 * @param lines the directory numbers on the device's lines, in line order
 * @param inService whether the device is in service (registered)
 * @param remoteDestinations the remote destinations (CTI remote devices only)
 * @param lastSetByThisLink whether this link was the last to set the active remote destination
 * @param loggedInUser the Extension Mobility user logged in to the phone, or null
 */
public record DeviceSnapshot(String name, DeviceType type, String model, String owner, List<String> lines,
        boolean inService, List<RemoteDestination> remoteDestinations, boolean lastSetByThisLink, String loggedInUser) {

    /** Copies the lists. */
    public DeviceSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        lines = List.copyOf(lines);
        remoteDestinations = List.copyOf(remoteDestinations);
    }
}
