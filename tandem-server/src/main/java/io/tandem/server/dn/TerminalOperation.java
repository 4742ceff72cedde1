package io.tandem.server.dn;

import io.tandem.server.core.ClientSession;

/** Something to do on the switch for one remote terminal (queued on its {@link RemoteTerminal}, carried out by extend and connect). */
public sealed interface TerminalOperation {

    /** The client the operation is for. */
    ClientSession client();

    /**
     * Make {@code destination} the terminal's active remote destination, with {@code client} as controller.
     *
     * @param client the client that asked
     * @param destination REMOTE_DEST
     * @param name REMOTE_NAME
     * @param referenceId the request's ReferenceID, or null (re-activation after the link came back)
     * @param restoring whether it sets again what a client set before (after the link came back or a takeover), logged
     *     in a summary rather than one line per terminal
     * @param done completes with whether the terminal was extended for {@code client}
     */
    record Activate(ClientSession client, String destination, String name, Long referenceId, boolean restoring,
            java.util.concurrent.CompletableFuture<Boolean> done) implements TerminalOperation {
    }

    /**
     * Deactivate, if {@code client} still controls the terminal.
     *
     * @param client the controller that unregistered or disconnected
     */
    record Deactivate(ClientSession client) implements TerminalOperation {
    }
}
