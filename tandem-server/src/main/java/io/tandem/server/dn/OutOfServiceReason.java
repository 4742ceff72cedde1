package io.tandem.server.dn;

/** Why a DN is out of service; sent as Extensions {@code OOS_REASON}. */
public enum OutOfServiceReason {
    /** The CTI server has no link to the switch. */
    LinkDown,
    /** No device controlled by the server's application user has this DN on a line. */
    DeviceNotFound,
    /** The switch reports the device out of service. */
    DeviceOutOfService,
    /** A remote terminal that is not extended to a remote destination. */
    NotExtended
}
