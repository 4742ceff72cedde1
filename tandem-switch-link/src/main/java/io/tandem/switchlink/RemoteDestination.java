package io.tandem.switchlink;

import java.util.Objects;

/**
 * A remote destination of a CTI remote device (CUCM {@code CiscoRemoteDestinationInfo}).
 *
 * @param name the destination's name
 * @param number the destination's number
 * @param active whether it is the device's active remote destination
 */
public record RemoteDestination(String name, String number, boolean active) {

    /** Checks the fields are present. */
    public RemoteDestination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(number, "number");
    }
}
