package io.tandem.switchlink;

import java.util.List;
import java.util.Map;
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
 * @param dnd the Do Not Disturb status in effect
 * @param dndOption what Do Not Disturb does to callers on this device
 * @param forwardAll the Call Forward All destination of each line that has one
 */
public record DeviceSnapshot(String name, DeviceType type, String model, String owner, List<String> lines,
        boolean inService, List<RemoteDestination> remoteDestinations, boolean lastSetByThisLink, String loggedInUser,
        boolean dnd, DndOption dndOption, Map<String, String> forwardAll) {

    /** Copies the lists and the map. */
    public DeviceSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        lines = List.copyOf(lines);
        remoteDestinations = List.copyOf(remoteDestinations);
        dndOption = dndOption == null ? DndOption.RINGER_OFF : dndOption;
        forwardAll = forwardAll == null ? Map.of() : Map.copyOf(forwardAll);
    }

    /** This device with other remote destinations. */
    public DeviceSnapshot withRemoteDestinations(List<RemoteDestination> destinations, boolean setByThisLink) {
        return new DeviceSnapshot(name, type, model, owner, lines, inService, destinations, setByThisLink, loggedInUser,
                dnd, dndOption, forwardAll);
    }

    /** This device with another service state. */
    public DeviceSnapshot withInService(boolean nowInService) {
        return new DeviceSnapshot(name, type, model, owner, lines, nowInService, remoteDestinations, lastSetByThisLink,
                loggedInUser, dnd, dndOption, forwardAll);
    }

    /** This device after an Extension Mobility login or logout. */
    public DeviceSnapshot withLines(List<String> newLines, boolean nowInService, String user, boolean nowDnd,
            Map<String, String> newForwardAll) {
        return new DeviceSnapshot(name, type, model, owner, newLines, nowInService, remoteDestinations, lastSetByThisLink,
                user, nowDnd, dndOption, newForwardAll);
    }

    /** This device with another Do Not Disturb status. */
    public DeviceSnapshot withDnd(boolean nowDnd, DndOption option) {
        return new DeviceSnapshot(name, type, model, owner, lines, inService, remoteDestinations, lastSetByThisLink,
                loggedInUser, nowDnd, option, forwardAll);
    }
}
