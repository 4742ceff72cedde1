package io.tandem.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the console does on an embedded switch: its phones with their Extension Mobility logins, and the
 * simulator controls (calls from the network, answering and hanging up at a phone or a mobile, devices out of
 * service and back). Implemented where the switch is embedded (the all-in-one server); a CTI server on a
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

    /** Every phone. */
    CompletableFuture<List<PhoneRow>> phones();

    /** Logs {@code user} in to {@code device} with {@code profile} (null: the user's default), as the EM API does. */
    CompletableFuture<PhoneRow> login(String device, String user, String profile);

    /** Logs the user out of {@code device}, as the EM API does. */
    CompletableFuture<PhoneRow> logout(String device);

    /** The switch's calls, with every party (phones, remote destinations, network numbers) and its state. */
    CompletableFuture<Object> calls();

    /** Places a call from {@code from} (a network number or a phone DN) to {@code to}; returns the call as the switch shows it. */
    CompletableFuture<Object> placeCall(String from, String to);

    /** Answers the call ringing at {@code party} (a phone DN or a remote destination number). */
    CompletableFuture<Object> answer(String party);

    /** Hangs up {@code party}'s call. */
    CompletableFuture<Object> hangUp(String party);

    /** Puts {@code device} out of service or back. */
    CompletableFuture<Object> setInService(String device, boolean inService);

    /**
     * Adds remote destination {@code number} named {@code name} (null: the number) to CTI remote device
     * {@code device} as configuration: kept over the configuration file from then on. Returns the device.
     */
    CompletableFuture<Object> addRemoteDestination(String device, String name, String number);

    /** Removes remote destination {@code number} from {@code device}, kept over the configuration file. Returns the device. */
    CompletableFuture<Object> removeRemoteDestination(String device, String number);

    /** Adds an end user (kept over the configuration file). Returns the user. */
    CompletableFuture<Object> addUser(String id, String name, boolean mobility, Integer remoteDestinationLimit, String pin);

    /** Removes an end user; refused while a device or profile refers to the user, or the user is logged in. */
    CompletableFuture<Object> removeUser(String id);

    /**
     * Adds a device profile for an existing user, controlled by the application users {@code controlledBy} (whose CTI servers
     * then follow its lines). Returns the profile.
     */
    CompletableFuture<Object> addProfile(String name, String user, String model, List<String> lines, boolean isDefault,
            List<String> controlledBy);

    /** Removes a device profile; refused while it is in use or a phone's logout profile. */
    CompletableFuture<Object> removeProfile(String name);

    /**
     * A device to add: {@code type} is phone, cti-remote-device, cti-port or route-point; remote destinations
     * (number to name) only for a cti-remote-device.
     */
    record NewDevice(String name, String type, String model, String owner, List<String> lines, boolean extensionMobility,
            java.util.Map<String, String> remoteDestinations, List<String> controlledBy) {
    }

    /** Adds a device, controlled by the application users {@code device.controlledBy()}; their links see it at once. Returns it. */
    CompletableFuture<Object> addDevice(NewDevice device);

    /** Removes a device; refused while it is on a call or has an Extension Mobility login. */
    CompletableFuture<Object> removeDevice(String name);

    /** A number that changes whenever the switch's state the console shows changes (phones, logins, calls). */
    long version();
}
