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
 * @param defaultDeviceProfiles the default device profile of each phone model (Extension Mobility)
 * @param emParameters the Cisco Extension Mobility service parameters
 */
public record SwitchConfig(String externalDialPattern, List<String> autoAnswer, int remoteDestinationLimit, List<EndUser> endUsers,
        List<ApplicationUser> applicationUsers, List<Device> devices, List<DeviceProfile> deviceProfiles,
        List<DefaultDeviceProfile> defaultDeviceProfiles, EmParameters emParameters, CallForwarding callForwarding,
        List<DnRecording> recordingLines) {

    /** Default external dial plan: 3 to 15 digits with an optional leading +. */
    public static final String DEFAULT_EXTERNAL_PATTERN = "\\+?[0-9]{3,15}";
    /** Default remote destination limit, as in CUCM. */
    public static final int DEFAULT_REMOTE_DESTINATION_LIMIT = 4;
    /** Highest remote destination limit, as in CUCM. */
    public static final int MAX_REMOTE_DESTINATION_LIMIT = 10;

    /** A configuration without Call Forward Busy or No Answer (the service parameter at its default). */
    public SwitchConfig(String externalDialPattern, List<String> autoAnswer, int remoteDestinationLimit, List<EndUser> endUsers,
            List<ApplicationUser> applicationUsers, List<Device> devices, List<DeviceProfile> deviceProfiles,
            List<DefaultDeviceProfile> defaultDeviceProfiles, EmParameters emParameters) {
        this(externalDialPattern, autoAnswer, remoteDestinationLimit, endUsers, applicationUsers, devices, deviceProfiles,
                defaultDeviceProfiles, emParameters, CallForwarding.DEFAULT, List.of());
    }

    /** Copies the lists. */
    public SwitchConfig {
        callForwarding = callForwarding == null ? CallForwarding.DEFAULT : callForwarding;
        recordingLines = recordingLines == null ? List.of() : List.copyOf(recordingLines);
        autoAnswer = List.copyOf(autoAnswer);
        endUsers = List.copyOf(endUsers);
        applicationUsers = List.copyOf(applicationUsers);
        devices = List.copyOf(devices);
        deviceProfiles = List.copyOf(deviceProfiles);
        defaultDeviceProfiles = List.copyOf(defaultDeviceProfiles);
    }

    /**
     * Call Forward Busy and Call Forward No Answer, set per directory number in the configuration (CUCM's Directory Number
     * Configuration: "Forward Busy", "Forward No Answer", "No Answer Ring Duration"), and CUCM's service parameter
     * "Forward No Answer Timer" (default 12 s) for DNs that set no ring duration of their own.
     *
     * @param noAnswerSeconds how long a call rings unanswered before Call Forward No Answer applies
     * @param dns the DNs that have a forward
     */
    public record CallForwarding(int noAnswerSeconds, List<DnForwarding> dns) {
        /** CUCM's default Forward No Answer Timer. */
        public static final int DEFAULT_NO_ANSWER_SECONDS = 12;
        /** The longest ring duration CUCM accepts. */
        public static final int MAX_NO_ANSWER_SECONDS = 300;
        /** No forwards, the timer at its default. */
        public static final CallForwarding DEFAULT = new CallForwarding(DEFAULT_NO_ANSWER_SECONDS, List.of());

        /** Copies the list. */
        public CallForwarding {
            dns = List.copyOf(dns);
        }

        /** The forwards of {@code dn}, if it has any. */
        public java.util.Optional<DnForwarding> of(String dn) {
            return dns.stream().filter(d -> d.dn().equals(dn)).findFirst();
        }
    }

    /** A line's recording option (CUCM's "Recording Option" of a line appearance). */
    public enum RecordingOption {
        /** Never recorded; an application cannot override it. */
        NONE,
        /** Every connected call is recorded. */
        AUTOMATIC,
        /** Recorded when an application asks (JTAPI startRecording). */
        APPLICATION
    }

    /** Where a line's recording media comes from (CUCM's "Recording Media Source"). */
    public enum MediaSource {
        /** The phone's built-in bridge (phone preferred); a CTI remote device has none. */
        PHONE,
        /** The gateway (gateway preferred). */
        GATEWAY
    }

    /**
     * How one directory number is recorded.
     *
     * @param dn the directory number (a device or device-profile line)
     * @param option its recording option
     * @param recorder the recorder's number (the recording profile's destination)
     * @param mediaSource where the media comes from
     */
    public record DnRecording(String dn, RecordingOption option, String recorder, MediaSource mediaSource) {
    }

    /**
     * The configured forwards of one directory number.
     *
     * @param dn the directory number
     * @param busy where calls go when it is busy (Call Forward Busy), or null
     * @param noAnswer where calls go when it rings unanswered (Call Forward No Answer), or null
     * @param noAnswerSeconds its own ring duration before Call Forward No Answer, or null for the service parameter
     */
    public record DnForwarding(String dn, String busy, String noAnswer, Integer noAnswerSeconds) {
    }

    /**
     * An end user.
     *
     * @param id the user ID
     * @param name the display name
     * @param mobility whether mobility is enabled (required to own a CTI remote device)
     * @param remoteDestinationLimit this user's remote destination limit, or null for the switch default
     * @param pin the user's PIN (end users authenticating to the Extension Mobility API as themselves), or null
     */
    public record EndUser(String id, String name, boolean mobility, Integer remoteDestinationLimit, String pin) {
        @Override
        public String toString() {
            return "EndUser[" + id + "]";
        }
    }

    /**
     * An application user: what a CTI application opens its link as.
     *
     * @param id the user ID
     * @param password the password
     * @param controlledDevices names of the devices it controls
     * @param controlledProfiles names of the device profiles it controls
     * @param emProxy whether it has Extension Mobility proxy rights (may log any user in or out)
     * @param allowCallRecording CUCM's "Standard CTI Allow Call Recording": may start and stop recordings
     * @param allowCallMonitoring CUCM's "Standard CTI Allow Call Monitoring": may monitor calls
     */
    public record ApplicationUser(String id, String password, List<String> controlledDevices, List<String> controlledProfiles,
            boolean emProxy, boolean allowCallRecording, boolean allowCallMonitoring) {
        /** Copies the lists. */
        public ApplicationUser {
            controlledDevices = List.copyOf(controlledDevices);
            controlledProfiles = List.copyOf(controlledProfiles);
        }

        /** An application user without recording or monitoring rights. */
        public ApplicationUser(String id, String password, List<String> controlledDevices, List<String> controlledProfiles,
                boolean emProxy) {
            this(id, password, controlledDevices, controlledProfiles, emProxy, false, false);
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
     * @param extensionMobility whether Extension Mobility is enabled on the phone
     * @param logoutProfile the device profile the phone gets at logout, or null for its own configuration
     * @param dndOption what Do Not Disturb does to callers on this device (CUCM's "DND Option"; default ringer-off)
     * @param selectRouteSeconds for a route point: how long a call waits there for a route before the select-route timer
     *     expires (default {@link #DEFAULT_SELECT_ROUTE_SECONDS}); null for other devices
     */
    public record Device(String name, DeviceType type, String model, String owner, List<String> lines,
            List<RemoteDestination> remoteDestinations, boolean extensionMobility, String logoutProfile,
            io.tandem.switchlink.DndOption dndOption, Integer selectRouteSeconds) {
        /** The select-route timer of a route point unless configured. */
        public static final int DEFAULT_SELECT_ROUTE_SECONDS = 15;

        /** Copies the lists. */
        public Device {
            lines = List.copyOf(lines);
            remoteDestinations = List.copyOf(remoteDestinations);
            dndOption = dndOption == null ? io.tandem.switchlink.DndOption.RINGER_OFF : dndOption;
            if (type == DeviceType.ROUTE_POINT && selectRouteSeconds == null) {
                selectRouteSeconds = DEFAULT_SELECT_ROUTE_SECONDS;
            }
        }

        /** A device with the default Do Not Disturb option (ringer-off) and select-route timer. */
        public Device(String name, DeviceType type, String model, String owner, List<String> lines,
                List<RemoteDestination> remoteDestinations, boolean extensionMobility, String logoutProfile) {
            this(name, type, model, owner, lines, remoteDestinations, extensionMobility, logoutProfile, null, null);
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
     * @param isDefault whether it is the user's default profile
     * @param settings everything else the profile gives a phone
     */
    public record DeviceProfile(String name, String user, String model, List<String> lines, boolean isDefault,
            ProfileSettings settings) {
        /** Copies the list. */
        public DeviceProfile {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The default device profile of a phone model: what a user logging in with a profile for another model gets
     * for the device-dependent settings.
     *
     * @param model the phone model
     * @param settings its settings
     */
    public record DefaultDeviceProfile(String model, ProfileSettings settings) {
    }

    /**
     * The settings of a device profile, as CUCM's user device profile holds them.
     *
     * @param lineSetting the "line setting for this device" (device-dependent: not copied to another model)
     * @param speedDials speed dials
     * @param services IP phone services
     * @param holdAudioSource the user hold audio source
     * @param locale the user locale
     * @param phoneButtonTemplate the phone button template
     * @param softkeyTemplate the softkey template
     * @param addOnModules add-on (expansion) modules
     */
    public record ProfileSettings(String lineSetting, List<SpeedDial> speedDials, List<String> services, String holdAudioSource,
            String locale, String phoneButtonTemplate, String softkeyTemplate, List<String> addOnModules) {
        /** Copies the lists. */
        public ProfileSettings {
            speedDials = speedDials == null ? List.of() : List.copyOf(speedDials);
            services = services == null ? List.of() : List.copyOf(services);
            addOnModules = addOnModules == null ? List.of() : List.copyOf(addOnModules);
        }

        /** No settings. */
        public static final ProfileSettings NONE = new ProfileSettings(null, List.of(), List.of(), null, null, null, null, List.of());
    }

    /** What happens when a user logged in on one phone logs in on another (CUCM "Multiple Login Behavior"). */
    public enum MultipleLoginBehavior {
        /** The second login fails with code 25 (CUCM's default). */
        NOT_ALLOWED,
        /** The user is logged in on both. */
        ALLOWED,
        /** The first login is logged out, then the second succeeds. */
        AUTO_LOGOUT
    }

    /**
     * The Cisco Extension Mobility service parameters.
     *
     * @param multipleLoginBehavior multiple login behaviour
     * @param maximumLoginMinutes the intra-cluster maximum login time in minutes, or null when not enforced
     * @param maximumConcurrentRequests login/logout operations carried out at once (CUCM default 5)
     * @param requestQueue further login/logout requests that wait for a slot; beyond them requests fail with 26
     * @param phoneResetMillis how long a login or logout occupies its slot (the phone restarts), for realistic load
     */
    public record EmParameters(MultipleLoginBehavior multipleLoginBehavior, Integer maximumLoginMinutes,
            int maximumConcurrentRequests, int requestQueue, int phoneResetMillis) {
        /** CUCM's defaults: not allowed, no maximum, 5 at once, a queue of 20, no reset time. */
        public static final EmParameters DEFAULT = new EmParameters(MultipleLoginBehavior.NOT_ALLOWED, null, 5, 20, 0);
    }

    /**
     * A speed dial.
     *
     * @param number the number
     * @param label the label
     */
    public record SpeedDial(String number, String label) {
    }
}
