package io.tandem.server.request;

import java.util.function.Supplier;

/**
 * How the server introduces itself in EventServerConnected.
 *
 * @param name the server name
 * @param version the Tandem version
 * @param role the role to report now: "primary" or "backup" (it changes at a switchover)
 */
public record ServerIdentity(String name, String version, Supplier<String> role) {

    /** A server whose role never changes (standalone: "primary"). */
    public static ServerIdentity fixed(String name, String version, String role) {
        return new ServerIdentity(name, version, () -> role);
    }

    /** A copy reporting the role {@code newRole} gives. */
    public ServerIdentity withRole(Supplier<String> newRole) {
        return new ServerIdentity(name, version, newRole);
    }

    /** The role to report now. */
    public String currentRole() {
        return role.get();
    }
}
