package io.tandem.server.request;

/**
 * How the server introduces itself in EventServerConnected.
 *
 * @param name the server name
 * @param role "primary" or "backup"
 * @param version the Tandem version
 */
public record ServerIdentity(String name, String role, String version) {
}
