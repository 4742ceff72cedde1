package io.tandem.switchlink;

import java.util.Objects;

/**
 * One remote destination to make active or inactive, an item of {@link SwitchLink#setActiveRemoteDestinations}.
 *
 * @param device the CTI remote device
 * @param number the remote destination's number
 * @param active whether to make it the active destination (any other becomes inactive) or inactive
 */
public record ActiveDestination(String device, String number, boolean active) {

    /** Checks that the device and number are given. */
    public ActiveDestination {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(number, "number");
    }
}
