package io.tandem.server.core;

/**
 * Life cycle of a client session.
 *
 * <pre>
 * CONNECTED --RequestRegisterClient--&gt; REGISTERED --disconnect--&gt; CLOSED
 * CONNECTED --disconnect--&gt; CLOSED
 * </pre>
 * Only a REGISTERED session may send DN requests.
 */
public enum SessionState {
    /** Connected, RequestRegisterClient not yet accepted. */
    CONNECTED,
    /** RequestRegisterClient accepted. */
    REGISTERED,
    /** Disconnected; its registrations are undone. */
    CLOSED
}
