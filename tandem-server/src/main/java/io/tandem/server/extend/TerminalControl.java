package io.tandem.server.extend;

import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.RemoteTerminal;
import java.util.Optional;

/**
 * What only the primary knows about one extended remote terminal: the destination and name its
 * controller asked for, and the controller's stable client identity.
 *
 * @param dn the remote terminal's DN
 * @param remoteDest the REMOTE_DEST the controller activated
 * @param remoteName the REMOTE_NAME the controller asked for
 * @param controller the controlling client's identity (ClientIdentity, or its ApplicationName)
 * @param addedByServer whether the primary added the destination to the device (and removes it at deactivation)
 */
public record TerminalControl(String dn, String remoteDest, String remoteName, String controller, boolean addedByServer) {

    /** The control of {@code dn} as this server sees it, or empty when no client controls it. */
    public static Optional<TerminalControl> of(DirectoryNumber dn) {
        RemoteTerminal terminal = dn.terminal();
        if (terminal == null || terminal.controller() == null || terminal.controllerDestination() == null) {
            return Optional.empty();
        }
        return Optional.of(new TerminalControl(dn.number(), terminal.controllerDestination(), terminal.controllerName(),
                terminal.controller().clientIdentity(), terminal.isAddedByServer(terminal.controllerDestination())));
    }
}
