package io.tandem.server.link;

/**
 * State of the CTI server's switch link.
 *
 * <pre>
 * CONNECTING --opened--&gt; UP --closed--&gt; WAITING --retry delay--&gt; CONNECTING
 * CONNECTING --failed--&gt; WAITING
 * any --stop--&gt; STOPPED
 * </pre>
 */
public enum LinkState {
    /** Opening the link. */
    CONNECTING,
    /** The link is open. */
    UP,
    /** The link is down; the next attempt is scheduled. */
    WAITING,
    /** The server is shutting down. */
    STOPPED
}
