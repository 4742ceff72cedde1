package io.tandem.server.request;

/**
 * What a request needs before its handler runs. Each handler declares its preconditions when it is registered
 * ({@link RequestHandlers}); the dispatcher checks them in this order, and the first that fails is the answer:
 *
 * <ol>
 *   <li>{@link #CLIENT_REGISTERED}: EventError 506 {@code X before RequestRegisterClient; register the client first}</li>
 *   <li>{@link #ON_PRIMARY}: 506 {@code this server is the backup; send X to the primary} (requests without it are served
 *       by a backup too)</li>
 *   <li>{@link #THIS_DN_REGISTERED}: 53 without ThisDN, 59 when the DN is not configured, 41 when this client has not
 *       registered it</li>
 *   <li>{@link #SWITCH_LINK_UP}: 54 {@code no connection to the switch; wait for EventLinkConnected}</li>
 * </ol>
 */
public enum Precondition {
    /** The client sent RequestRegisterClient and was accepted. */
    CLIENT_REGISTERED,
    /** This server acts on the switch (it is not the backup of a pair). */
    ON_PRIMARY,
    /** ThisDN is configured and registered by this client. */
    THIS_DN_REGISTERED,
    /** The link to the switch is up. */
    SWITCH_LINK_UP
}
