package io.tandem.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the console does on an embedded switch beyond its control API ({@code /api/switch}, which simulates calls and
 * devices): its phones with their Extension Mobility logins, and run-time configuration. Implemented where the switch is embedded (the all-in-one server); a CTI server on a
 * separate switch has none. Every future fails with {@link IllegalArgumentException} naming the problem
 * when the switch refuses.
 */
public interface SwitchConsole {

    /**
     * A phone as the console shows it.
     *
     * @param device the device name
     * @param model the phone model
     * @param lines its directory numbers now
     * @param inService whether it is in service
     * @param emEnabled whether Extension Mobility is enabled on it
     * @param user the user logged in with Extension Mobility, or null
     * @param profile that login's device profile, or null
     * @param loggedInAt when the user logged in (epoch ms), or null
     * @param logoutAt when the automatic logout happens (epoch ms), or null when none
     */
    record PhoneRow(String device, String model, List<String> lines, boolean inService, boolean emEnabled, String user, String profile,
            Long loggedInAt, Long logoutAt) {
    }

    /**
     * A device as the switch shows it.
     *
     * @param name the device name
     * @param type phone, cti-remote-device, cti-port or route-point
     * @param owner the owner user, or null
     * @param lines its directory numbers
     * @param inService whether it is in service
     * @param remoteDestinations for a CTI remote device, its remote destinations and which is active
     * @param activeSetBy the link that set the active destination, or null
     */
    record SwitchDevice(String name, String type, String owner, List<String> lines, boolean inService,
            List<io.tandem.switchlink.RemoteDestination> remoteDestinations, String activeSetBy) {
    }

    /** An end user added at run time (its PIN is never echoed). */
    record SwitchUser(String id, String name, boolean mobility, Integer remoteDestinationLimit) {
    }

    /** A device profile added at run time. */
    record SwitchProfile(String name, String user, String model, List<String> lines, boolean isDefault) {
    }

    /** What a removal did, as a sentence. */
    record Removed(String result) {
    }

    /** Every phone. */
    CompletableFuture<List<PhoneRow>> phones();

    /** Logs {@code user} in to {@code device} with {@code profile} (null: the user's default), as the EM API does. */
    CompletableFuture<PhoneRow> login(String device, String user, String profile);

    /** Logs the user out of {@code device}, as the EM API does. */
    CompletableFuture<PhoneRow> logout(String device);






    /**
     * Adds remote destination {@code number} named {@code name} (null: the number) to CTI remote device
     * {@code device} as configuration: kept over the configuration file from then on. Returns the device.
     */
    CompletableFuture<SwitchDevice> addRemoteDestination(String device, String name, String number);

    /** Removes remote destination {@code number} from {@code device}, kept over the configuration file. Returns the device. */
    CompletableFuture<SwitchDevice> removeRemoteDestination(String device, String number);

    /** Adds an end user (kept over the configuration file). Returns the user. */
    CompletableFuture<SwitchUser> addUser(String id, String name, boolean mobility, Integer remoteDestinationLimit, String pin);

    /** Removes an end user; refused while a device or profile refers to the user, or the user is logged in. */
    CompletableFuture<Removed> removeUser(String id);

    /**
     * Adds a device profile for an existing user, controlled by the application users {@code controlledBy} (whose CTI servers
     * then follow its lines). Returns the profile.
     */
    CompletableFuture<SwitchProfile> addProfile(String name, String user, String model, List<String> lines, boolean isDefault,
            List<String> controlledBy);

    /** Removes a device profile; refused while it is in use or a phone's logout profile. */
    CompletableFuture<Removed> removeProfile(String name);

    /**
     * A device to add: {@code type} is phone, cti-remote-device, cti-port or route-point; remote destinations
     * (number to name) only for a cti-remote-device.
     */
    record NewDevice(String name, String type, String model, String owner, List<String> lines, boolean extensionMobility,
            java.util.Map<String, String> remoteDestinations, List<String> controlledBy) {
    }

    /** Adds a device, controlled by the application users {@code device.controlledBy()}; their links see it at once. Returns it. */
    CompletableFuture<SwitchDevice> addDevice(NewDevice device);

    /** Removes a device; refused while it is on a call or has an Extension Mobility login. */
    CompletableFuture<Removed> removeDevice(String name);

    /** A number that changes whenever the switch's state the console shows changes (phones, logins, calls). */
    long version();
}
