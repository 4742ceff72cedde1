package io.tandem.server.config;

import java.util.Arrays;
import java.util.Optional;

/** Genesys DN types a CTI server can serve. */
public enum DnType {
    /** An agent extension; remote terminals are configured as extensions. */
    Extension,
    /** An ACD position. */
    ACDPosition,
    /** A routing point (CUCM CTI route point). */
    RoutingPoint,
    /** An ACD queue. */
    ACDQueue,
    /** A virtual queue. */
    VirtualQueue;

    /** The type with this name. */
    public static Optional<DnType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
