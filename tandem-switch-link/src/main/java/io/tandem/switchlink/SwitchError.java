package io.tandem.switchlink;

/** Why the switch refused a link request. Stable names: they travel over the switch link. */
public enum SwitchError {
    /** Wrong application user or password. */
    AUTHENTICATION_FAILED,
    /** No device of that name. */
    DEVICE_NOT_FOUND,
    /** The device is not in the application user's controlled-device list. */
    DEVICE_NOT_CONTROLLED,
    /** The device is not a CTI remote device. */
    NOT_A_REMOTE_DEVICE,
    /** The device owner's remote destination limit is reached. */
    REMOTE_DESTINATION_LIMIT_EXCEEDED,
    /** The number is a directory number of the switch. */
    NUMBER_IS_SWITCH_DN,
    /** The number does not match the switch's external dial plan. */
    NOT_REACHABLE,
    /** The number is already a remote destination of a device. */
    DUPLICATE_REMOTE_DESTINATION,
    /** The number is not a remote destination of the device. */
    REMOTE_DESTINATION_UNAVAILABLE,
    /** No call with that ID, or the party is not on it. */
    CALL_NOT_FOUND,
    /** The party's state does not allow the request (for example retrieving a call that is not held). */
    INVALID_STATE,
    /** The number cannot be routed by the dial plan. */
    UNROUTABLE,
    /** The device is out of service. */
    DEVICE_OUT_OF_SERVICE,
    /** A CTI remote device with no active remote destination cannot make calls. */
    NO_ACTIVE_REMOTE_DESTINATION,
    /** The destination is busy. */
    DESTINATION_BUSY,
    /** The link to the switch is down. */
    LINK_DOWN,
    /** A request argument is missing or malformed. */
    INVALID_ARGUMENT,
    /** Another open link of the same application user holds the primary role. */
    PRIMARY_HELD,
    /** The object is already in the requested state (for example Do Not Disturb on when it is on). */
    ALREADY_SET,
    /** The application user lacks the right (CUCM's Standard CTI Allow Call Recording / Monitoring groups). */
    NOT_PERMITTED,
    /** The line's recording option does not allow it (none; or automatic, which an application does not start or stop). */
    RECORDING_NOT_ENABLED,
    /** Monitoring uses the agent phone's built-in bridge, which a CTI remote device does not have. */
    NO_BUILT_IN_BRIDGE,
    /** Anything else. */
    INTERNAL
}
