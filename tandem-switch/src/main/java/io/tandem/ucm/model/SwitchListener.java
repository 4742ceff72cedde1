package io.tandem.ucm.model;

/** What the model tells the links about: changes of a device. */
public interface SwitchListener {

    /** The device's service state changed. */
    void serviceChanged(Device device);

    /** The device's remote destinations or its active one changed. */
    void remoteDestinationsChanged(Device device);

    /** The phone's lines changed (Extension Mobility); {@code previousProfile} was in effect before. */
    void linesChanged(Device device, String previousProfile);

    /** The Do Not Disturb status in effect on the device changed. */
    void doNotDisturbChanged(Device device);

    /** Call Forward All of {@code dn} was set or cancelled; {@code device} is the device it is on now, or null. */
    void forwardAllChanged(Device device, String dn);
}
