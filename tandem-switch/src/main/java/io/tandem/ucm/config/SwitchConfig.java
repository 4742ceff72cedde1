package io.tandem.ucm.config;

import io.tandem.switchlink.DeviceType;
import java.util.List;

/**
 * The switch configuration: users, application users, devices and device profiles.
 *
 * @param externalDialPattern the regular expression a number must match to be reachable outside the switch
 * @param autoAnswer network numbers (including remote destinations) that answer calls at once, for tests and demos
 * @param remoteDestinationLimit the default per-owner limit of remote destinations (1 to 10)
 * @param endUsers end users
 * @param applicationUsers application users (CTI applications)
 * @param devices devices
 * @param deviceProfiles user device profiles
 */
public record SwitchConfig(String externalDialPattern, List<String> autoAnswer, int remoteDestinationLimit, List<EndUser> endUsers,
        List<ApplicationUser> applicationUsers, List<Device> devices, List<DeviceProfile> deviceProfiles) {

    /** Default external dial plan: 3 to 15 digits with an optional leading +. */
    public static final String DEFAULT_EXTERNAL_PATTERN = "\\+?[0-9]{3,15}";
    /** Default remote destination limit, as in CUCM. */
    public static final int DEFAULT_REMOTE_DESTINATION_LIMIT = 4;
    /** Highest remote destination limit, as in CUCM. */
    public static final int MAX_REMOTE_DESTINATION_LIMIT = 10;

    /** Copies the lists. */
    public SwitchConfig {
        autoAnswer = List.copyOf(autoAnswer);
        endUsers = List.copyOf(endUsers);
        applicationUsers = List.copyOf(applicationUsers);
        devices = List.copyOf(devices);
        deviceProfiles = List.copyOf(deviceProfiles);
    }

    /**
     * An end user.
     *
     * @param id the user ID
     * @param name the display name
     * @param mobility whether mobility is enabled (required to own a CTI remote device)
     * @param remoteDestinationLimit this user's remote destination limit, or null for the switch default
     */
    public record EndUser(String id, String name, boolean mobility, Integer remoteDestinationLimit) {
    }

    /**
     * An application user: what a CTI application opens its link as.
     *
     * @param id the user ID
     * @param password the password
     * @param controlledDevices names of the devices it controls
     * @param controlledProfiles names of the device profiles it controls
     */
    public record ApplicationUser(String id, String password, List<String> controlledDevices, List<String> controlledProfiles) {
        /** Copies the lists. */
        public ApplicationUser {
            controlledDevices = List.copyOf(controlledDevices);
            controlledProfiles = List.copyOf(controlledProfiles);
        }

        @Override
        public String toString() {
            return "ApplicationUser[" + id + "]";
        }
    }

    /**
     * A device.
     *
     * @param name the device name
     * @param type the device type
     * @param model the model
     * @param owner the owner user ID, or null
     * @param lines directory numbers in line order
     * @param remoteDestinations pre-provisioned remote destinations (CTI remote devices)
     */
    public record Device(String name, DeviceType type, String model, String owner, List<String> lines,
            List<RemoteDestination> remoteDestinations) {
        /** Copies the lists. */
        public Device {
            lines = List.copyOf(lines);
            remoteDestinations = List.copyOf(remoteDestinations);
        }
    }

    /**
     * A remote destination.
     *
     * @param name its name
     * @param number its number
     */
    public record RemoteDestination(String name, String number) {
    }

    /**
     * A user device profile (used by Extension Mobility).
     *
     * @param name the profile name
     * @param user the owning user ID
     * @param model the phone model it is for
     * @param lines directory numbers in line order
     */
    public record DeviceProfile(String name, String user, String model, List<String> lines) {
        /** Copies the list. */
        public DeviceProfile {
            lines = List.copyOf(lines);
        }
    }
}
