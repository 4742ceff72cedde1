package io.tandem.ucm.model;

import java.util.Map;
import java.util.Set;

/**
 * What the switch keeps of the features that divert a DN's incoming calls, as stored: Do Not Disturb (a device's own
 * status, and each device profile's, which follows its user from phone to phone) and Call Forward All (per directory
 * number).
 *
 * @param dndDevices the devices whose own Do Not Disturb is on
 * @param dndProfiles the device profiles whose Do Not Disturb is on
 * @param forwardAll the Call Forward All destination of each directory number that has one
 */
public record Diversions(Set<String> dndDevices, Set<String> dndProfiles, Map<String, String> forwardAll) {

    /** Nothing diverted. */
    public static final Diversions NONE = new Diversions(Set.of(), Set.of(), Map.of());

    /** Copies the sets and the map. */
    public Diversions {
        dndDevices = Set.copyOf(dndDevices);
        dndProfiles = Set.copyOf(dndProfiles);
        forwardAll = Map.copyOf(forwardAll);
    }
}
